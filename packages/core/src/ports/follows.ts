// The follows table.
import type { PublicAccount, Relationship } from '../types/accounts.ts';
import type { Entry, PageRequest } from '../types/common.ts';

export interface FollowRepository {
  /** Adds the follow unless it exists; `created` says whether a row was written. */
  create(accountId: string, targetAccountId: string): Promise<{ created: boolean }>;
  /** Removes the follow; false when there was none. */
  delete(accountId: string, targetAccountId: string): Promise<boolean>;
  /** Accounts (not suspended) that accountId follows, newest follow first, by follow id. */
  following(accountId: string, page: PageRequest): Promise<Entry<PublicAccount>[]>;
  /** Accounts (not suspended) following accountId, newest follow first, by follow id. */
  followers(accountId: string, page: PageRequest): Promise<Entry<PublicAccount>[]>;
  /** The viewer's relationship to each target, in the order given. */
  relationships(viewerId: string, targetIds: string[]): Promise<Relationship[]>;
}
