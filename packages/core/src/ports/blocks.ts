// The blocks table: one account blocking another (docs/visibility.md).
import type { PublicAccount } from '../types/accounts.ts';
import type { Entry, PageRequest } from '../types/common.ts';

export interface BlockRepository {
  /** Adds the block unless it exists; `created` says whether a row was written. */
  create(accountId: string, targetAccountId: string): Promise<{ created: boolean }>;
  /** Removes the block; false when there was none. */
  delete(accountId: string, targetAccountId: string): Promise<boolean>;
  /** Accounts (not suspended) that accountId blocks, newest block first, by block id. */
  list(accountId: string, page: PageRequest): Promise<Entry<PublicAccount>[]>;
  /** Among `otherIds`, those accountId blocks and those that block accountId. */
  between(accountId: string, otherIds: string[]): Promise<{ blocking: Set<string>; blockedBy: Set<string> }>;
}
