import { NotFoundError } from '../../errors.ts';
import { tagError, tagName } from '../../rules/search-rules.ts';
import type { TagTimeline } from '../../search-types.ts';
import type { PageRequest } from '../../types.ts';
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
): Promise<TagTimeline> {
  const error = tagError(tag);
  if (error) throw new NotFoundError(error);
  const name = tagName(tag);
  const found = await deps.uow.tags.findByName(name);
  if (!found) return { tag: { id: null, name }, statuses: [] };
  return { tag: found, statuses: await deps.uow.tags.timeline(found.id, page, viewerId) };
}
