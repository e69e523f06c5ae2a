import { DomainError } from '../../errors.ts';
import { tagError, tagName } from '../../rules/search-rules.ts';
import type { PublicTimelineFilter } from '../../ports/timelines.ts';
import type { PageRequest } from '../../types/common.ts';
import type { TagTimeline } from '../../types/search.ts';
import type { ServiceDeps } from '../deps.ts';

/**
 * A hashtag's public statuses, newest first, ignoring case ("#Coffee" is "#coffee"). An invalid tag
 * is not found (with the reason); a valid tag nobody used yet has an empty timeline.
 */
export async function tagTimeline(
  deps: ServiceDeps,
  tag: string,
  page: PageRequest,
  viewerId?: string,
  filter?: PublicTimelineFilter,
): Promise<TagTimeline> {
  const error = tagError(tag);
  if (error) throw new DomainError('not_found', error);
  const name = tagName(tag);
  const found = await deps.uow.tags.findByName(name);
  if (!found) return { tag: { id: null, name }, statuses: [] };
  return { tag: found, statuses: await deps.uow.timelines.tag(found.id, page, viewerId, filter) };
}

/**
 * The statuses of a hashtag for the client API: a name that is not a valid tag, or one nobody used,
 * simply has none (Mastodon's GET /api/v1/timelines/tag/:hashtag answers [] for both).
 */
export async function tagStatuses(
  deps: ServiceDeps,
  tag: string,
  page: PageRequest,
  viewerId?: string,
  filter?: PublicTimelineFilter,
) {
  if (tagError(tag)) return [];
  return (await tagTimeline(deps, tag, page, viewerId, filter)).statuses;
}
