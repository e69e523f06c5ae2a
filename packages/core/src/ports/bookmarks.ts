// The bookmarks table: statuses an account keeps for later, seen by that account alone.
import type { Entry, PageRequest } from '../types/common.ts';
import type { Status } from '../types/statuses.ts';

export interface BookmarkRepository {
  /** Adds the bookmark unless it exists. */
  create(accountId: string, statusId: string): Promise<void>;
  /** Removes the bookmark, if any. */
  delete(accountId: string, statusId: string): Promise<void>;
  /** Statuses an account bookmarked that it may still see, newest bookmark first, by bookmark id. */
  byAccount(accountId: string, page: PageRequest): Promise<Entry<Status>[]>;
}
