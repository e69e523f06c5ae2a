// Filters v2: a person's filters with their keywords and named statuses.
import type { Filter, FilterAction, FilterContext, FilterKeyword, FilterStatus } from '../types/filters.ts';

export interface NewFilter {
  title: string;
  context: FilterContext[];
  action: FilterAction;
  expiresAt: Date | null;
  keywords: Array<{ keyword: string; wholeWord: boolean }>;
}

/** A change to a filter: absent fields are kept (`expiresAt: null` removes the end). */
export interface FilterChange {
  title?: string | undefined;
  context?: FilterContext[] | undefined;
  action?: FilterAction | undefined;
  expiresAt?: Date | null | undefined;
}

export interface FilterRepository {
  /** The account's filters, oldest first, with their keywords and statuses (expired ones too). */
  list(accountId: string): Promise<Filter[]>;
  /** The account's filters that have not expired when read (the read cache keeps them per account). */
  active(accountId: string): Promise<Filter[]>;
  /** One of the account's filters, or null (another's too). */
  find(accountId: string, id: string): Promise<Filter | null>;
  create(accountId: string, filter: NewFilter): Promise<string>;
  update(filterId: string, change: FilterChange): Promise<void>;
  delete(filterId: string): Promise<void>;
  /** One of the account's keywords (of any of its filters), or null. */
  findKeyword(accountId: string, id: string): Promise<FilterKeyword | null>;
  addKeyword(filterId: string, keyword: { keyword: string; wholeWord: boolean }): Promise<string>;
  updateKeyword(
    id: string,
    change: { keyword?: string | undefined; wholeWord?: boolean | undefined },
  ): Promise<void>;
  deleteKeyword(id: string): Promise<void>;
  /** One of the account's status filters, or null. */
  findStatus(accountId: string, id: string): Promise<FilterStatus | null>;
  /** Names a status in the filter; null when the filter names it already. */
  addStatus(filterId: string, statusId: string): Promise<string | null>;
  deleteStatus(id: string): Promise<void>;
}
