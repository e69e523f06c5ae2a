// Timelines: public, home, and an account's statuses.
import type { PublicTimelineFilter } from '../../ports/timelines.ts';
import type { PageRequest } from '../../types/common.ts';
import type { ServiceDeps } from '../deps.ts';
import {
  accountStatuses,
  accountTimeline,
  homeTimeline,
  publicTimeline,
  type AccountStatusesInput,
} from './timelines.ts';

export function timelineServices(deps: ServiceDeps) {
  return {
    /** `filter.onlyMedia`: only statuses with media (Mastodon's only_media). */
    public: (page: PageRequest, viewerId?: string, filter?: PublicTimelineFilter) =>
      publicTimeline(deps, page, viewerId, filter),
    home: (input: { actorId: string; page: PageRequest }) => homeTimeline(deps, input),
    account: (username: string, page: PageRequest, viewerId?: string) =>
      accountTimeline(deps, username, page, viewerId),
    /** An account's statuses by id with exclude_replies, only_media, pinned and tagged. */
    accountStatuses: (input: AccountStatusesInput) => accountStatuses(deps, input),
  };
}
