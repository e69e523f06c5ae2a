// Hashtags.
import type { PageRequest } from '../../types/common.ts';
import type { ServiceDeps } from '../deps.ts';
import { tagStatuses, tagTimeline } from './tag-timeline.ts';

export function tagServices(deps: ServiceDeps) {
  return {
    /** A hashtag's public statuses, newest first (website /tags/:tag, API timelines/tag/:hashtag). */
    timeline: (tag: string, page: PageRequest, viewerId?: string) => tagTimeline(deps, tag, page, viewerId),
    /** The same statuses, none for an invalid name instead of not_found (the client API). */
    statuses: (tag: string, page: PageRequest, viewerId?: string) => tagStatuses(deps, tag, page, viewerId),
  };
}
