// The follows table.
import type { FollowRelationship, PublicAccount } from '../types/accounts.ts';
import type { Entry, PageRequest } from '../types/common.ts';

export interface FollowRepository {
  /** Adds the follow unless it exists; `created` says whether a row was written. */
  create(accountId: string, targetAccountId: string): Promise<{ created: boolean }>;
  /** Whether the follower sees the target's boosts in its home timeline (no follow: nothing changes). */
  showReblogs(accountId: string, targetAccountId: string, show: boolean): Promise<void>;
  /** Removes the follow; false when there was none. */
  delete(accountId: string, targetAccountId: string): Promise<boolean>;
  /**
   * Accounts (not suspended) that accountId follows, newest follow first, by follow id; for a
   * viewer, without the accounts blocked either way.
   */
  following(accountId: string, page: PageRequest, viewerId?: string): Promise<Entry<PublicAccount>[]>;
  /** Accounts (not suspended) following accountId, likewise. */
  followers(accountId: string, page: PageRequest, viewerId?: string): Promise<Entry<PublicAccount>[]>;
  /** Who follows whom between the viewer and each target, in the order given. */
  relationships(viewerId: string, targetIds: string[]): Promise<FollowRelationship[]>;
}
