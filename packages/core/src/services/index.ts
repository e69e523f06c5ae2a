// The composition of every area's services; the composition root (packages/runtime) calls it once
// per process. Each area binds its own verbs in services/<area>/index.ts.
import { accountEmailServices } from './account-emails/index.ts';
import { accountServices } from './accounts/index.ts';
import { adminServices } from './admin/index.ts';
import { blockServices } from './blocks/index.ts';
import { conversationServices } from './conversations/index.ts';
import type { ServiceDeps } from './deps.ts';
import { discoveryServices } from './discovery/index.ts';
import { favouriteServices } from './favourites/index.ts';
import { filterServices } from './filters/index.ts';
import { bookmarkServices } from './bookmarks/index.ts';
import { reblogServices } from './reblogs/index.ts';
import { pinServices } from './pins/index.ts';
import { followServices } from './follows/index.ts';
import { housekeepingServices } from './housekeeping/index.ts';
import { instanceServices } from './instance/index.ts';
import { jobServices } from './jobs/index.ts';
import { listServices } from './lists/index.ts';
import { mailServices } from './mail/index.ts';
import { mediaServices } from './media/index.ts';
import { markerServices } from './markers/index.ts';
import { muteServices } from './mutes/index.ts';
import { notificationServices } from './notifications/index.ts';
import { oauthServices } from './oauth/index.ts';
import { pollServices } from './polls/index.ts';
import { reportServices } from './reports/index.ts';
import { rateLimitServices } from './rate-limits/index.ts';
import { searchServices } from './search/index.ts';
import { sessionServices } from './sessions/index.ts';
import { settingsServices } from './settings/index.ts';
import { statsServices } from './stats/index.ts';
import { statusServices } from './statuses/index.ts';
import { tagServices } from './tags/index.ts';
import { timelineServices } from './timelines/index.ts';

/** Builds the service object that routes, tasks and the CLI call. */
export function createServices(deps: ServiceDeps) {
  return {
    accounts: accountServices(deps),
    accountEmails: accountEmailServices(deps),
    sessions: sessionServices(deps),
    settings: settingsServices(deps),
    admin: adminServices(deps),
    statuses: statusServices(deps),
    timelines: timelineServices(deps),
    tags: tagServices(deps),
    lists: listServices(deps),
    follows: followServices(deps),
    favourites: favouriteServices(deps),
    bookmarks: bookmarkServices(deps),
    reblogs: reblogServices(deps),
    pins: pinServices(deps),
    blocks: blockServices(deps),
    mutes: muteServices(deps),
    conversations: conversationServices(deps),
    notifications: notificationServices(deps),
    search: searchServices(deps),
    instance: instanceServices(deps),
    stats: statsServices(deps),
    mail: mailServices(deps),
    jobs: jobServices(deps),
    housekeeping: housekeepingServices(deps),
    media: mediaServices(deps),
    oauth: oauthServices(deps),
    reports: reportServices(deps),
    markers: markerServices(deps),
    discovery: discoveryServices(deps),
    rateLimits: rateLimitServices(deps),
    polls: pollServices(deps),
    filters: filterServices(deps),
  };
}

export type Services = ReturnType<typeof createServices>;
export type { ServiceDeps };
