// The favourites table.
import type { PublicAccount } from '../types/accounts.ts';
import type { Entry, PageRequest } from '../types/common.ts';
import type { Status } from '../types/statuses.ts';

export interface FavouriteRepository {
  /** Adds the favourite unless it exists; `created` says whether a row was written. */
  create(accountId: string, statusId: string): Promise<{ created: boolean }>;
  /** Removes the favourite; false when there was none. */
  delete(accountId: string, statusId: string): Promise<boolean>;
  /** Accounts (not suspended) that favourited a status, newest first, by favourite id. */
  favouritedBy(statusId: string, page: PageRequest): Promise<Entry<PublicAccount>[]>;
  /** Statuses an account favourited, newest favourite first, by favourite id. */
  byAccount(accountId: string, page: PageRequest): Promise<Entry<Status>[]>;
}
