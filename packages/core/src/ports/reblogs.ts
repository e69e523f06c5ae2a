// Boosts: status rows whose reblog_of_id names the original (Mastodon's shape).
import type { PublicAccount } from '../types/accounts.ts';
import type { Entry, PageRequest } from '../types/common.ts';
import type { Visibility } from '../rules/status-rules.ts';

export interface ReblogRepository {
  /**
   * The account's boost of the status, made unless it exists (one per account and status); returns
   * the boost's id and whether this call made it.
   */
  create(
    accountId: string,
    statusId: string,
    visibility: Visibility,
  ): Promise<{ id: string; created: boolean }>;
  /** The id of the account's boost of the status, or null. */
  findOwn(accountId: string, statusId: string): Promise<string | null>;
  /**
   * Active accounts that boosted the status, newest boost first, paged by the boost's id; for a
   * viewer, without the accounts blocked either way.
   */
  rebloggedBy(statusId: string, page: PageRequest, viewerId?: string): Promise<Entry<PublicAccount>[]>;
  /** Every account that boosted the status (for the `update` notification of an edit). */
  boosterIds(statusId: string): Promise<string[]>;
}
