// Hashtags.
import type { PublicTimelineFilter } from '../../ports/timelines.ts';
import type { PageRequest } from '../../types/common.ts';
import type { Hashtag } from '../../types/search.ts';
import type { ServiceDeps } from '../deps.ts';
import { followedTags, followTag, getTag, tagInfos, unfollowTag } from './tag-info.ts';
import { tagStatuses, tagTimeline } from './tag-timeline.ts';

export function tagServices(deps: ServiceDeps) {
  return {
    /** A hashtag's public statuses, newest first (website /tags/:tag, API timelines/tag/:hashtag). */
    timeline: (tag: string, page: PageRequest, viewerId?: string) => tagTimeline(deps, tag, page, viewerId),
    /** The same statuses, none for an invalid name instead of not_found (the client API). */
    statuses: (tag: string, page: PageRequest, viewerId?: string, filter?: PublicTimelineFilter) =>
      tagStatuses(deps, tag, page, viewerId, filter),
    /** One hashtag with its week of use and whether the viewer follows it. */
    get: (input: { name: string; viewerId: string | null }) => getTag(deps, input),
    /** Hashtags (search results, say) with their week of use and the viewer's follows. */
    infos: (tags: Hashtag[], viewerId: string | null) => tagInfos(deps.uow, tags, viewerId),
    follow: (input: { actorId: string; name: string }) => followTag(deps, input),
    unfollow: (input: { actorId: string; name: string }) => unfollowTag(deps, input),
    /** The actor's followed hashtags, paged by the follow. */
    followed: (input: { actorId: string; page: PageRequest }) => followedTags(deps, input),
  };
}
