// The lists and list_accounts tables, and the list timeline.
import type { PublicAccount } from '../types/accounts.ts';
import type { Entry, PageRequest } from '../types/common.ts';
import type { List, ListFields } from '../types/lists.ts';
import type { Status } from '../types/statuses.ts';

/** Why an account could not be added to a list. */
export type AddMemberRefusal = 'not_found' | 'not_followed' | 'already_member';

export interface ListRepository {
  /** The account's lists, oldest first. */
  ownedBy(accountId: string): Promise<List[]>;
  countOwnedBy(accountId: string): Promise<number>;
  /** The list when it is the account's; null otherwise (another's list is as good as absent). */
  find(accountId: string, listId: string): Promise<List | null>;
  create(accountId: string, fields: ListFields): Promise<List>;
  /** Updates the account's list; null when it is not the account's. */
  update(accountId: string, listId: string, fields: Partial<ListFields>): Promise<List | null>;
  /** Deletes the account's list with its members; false when it is not the account's. */
  delete(accountId: string, listId: string): Promise<boolean>;
  /**
   * Adds accounts to the list, each through the owner's follow of it (the owner itself needs none).
   * Writes nothing and names the first refused account when any is refused.
   */
  addMembers(
    list: List,
    accountIds: string[],
  ): Promise<{ refused: AddMemberRefusal; accountId: string } | null>;
  /** Removes these accounts from the list (those not in it are ignored). */
  removeMembers(listId: string, accountIds: string[]): Promise<void>;
  /** The list's active members, paged by account id; `page` null: all of them. */
  members(listId: string, page: PageRequest | null): Promise<Entry<PublicAccount>[]>;
  /** The owners of the exclusive lists that hold the account (their home timelines leave it out). */
  exclusiveOwners(memberId: string): Promise<Set<string>>;
  /** The owner's lists that hold the account, oldest first. */
  holding(accountId: string, memberId: string): Promise<List[]>;
  /**
   * The list timeline, newest first: statuses of its members as the owner may see them (as on the
   * home timeline: no muted or blocked authors), replies filtered by the list's replies policy.
   */
  timeline(list: List, page: PageRequest): Promise<Status[]>;
  /** Whether a status belongs in the list's timeline (for the streaming API), as `timeline` decides. */
  carries(list: List, statusId: string): Promise<boolean>;
}
