// Bookmarks.
import type { PageRequest } from '../../types/common.ts';
import type { ServiceDeps } from '../deps.ts';
import { bookmark, listBookmarks, unbookmark, type BookmarkInput } from './bookmark.ts';

export function bookmarkServices(deps: ServiceDeps) {
  return {
    bookmark: (input: BookmarkInput) => bookmark(deps, input),
    unbookmark: (input: BookmarkInput) => unbookmark(deps, input),
    /** The actor's own bookmarks (GET /api/v1/bookmarks, the /bookmarks page). */
    list: (input: { actorId: string; page: PageRequest }) => listBookmarks(deps, input),
  };
}
