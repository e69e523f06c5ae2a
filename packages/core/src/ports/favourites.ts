// The favourites table.
import type { PublicAccount } from '../types/accounts.ts';
import type { Entry, PageRequest } from '../types/common.ts';
import type { Status } from '../types/statuses.ts';

export interface FavouriteRepository {
  /** Adds the favourite unless it exists; `created` says whether a row was written. */
  create(accountId: string, statusId: string): Promise<{ created: boolean }>;
  /** Removes the favourite; false when there was none. */
  delete(accountId: string, statusId: string): Promise<boolean>;
  /**
   * Accounts (not suspended) that favourited a status, newest first, by favourite id; for a viewer,
   * without the accounts blocked either way.
   */
  favouritedBy(statusId: string, page: PageRequest, viewerId?: string): Promise<Entry<PublicAccount>[]>;
  /** Statuses an account favourited that it may still see, newest favourite first, by favourite id. */
  byAccount(accountId: string, page: PageRequest): Promise<Entry<Status>[]>;
}
