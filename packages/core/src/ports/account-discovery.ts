// Finding accounts: search, the directory, follow suggestions and familiar followers. Every list
// leaves out suspended accounts.
import type { PublicAccount } from '../types/accounts.ts';
import type { Suggestion } from '../types/discovery.ts';
import type { SearchPage } from './search.ts';

export interface AccountSearchOptions {
  /** Only accounts this account follows (and itself), as Mastodon's `following=true`. */
  followedBy?: string | undefined;
  /** Match usernames only ("@ali"), not display names. */
  usernameOnly?: boolean | undefined;
}

export interface AccountDiscoveryRepository {
  /**
   * Accounts whose username or display name (or a later word of it) starts with the term,
   * ignoring case: the exact username first, then username prefixes, shorter names first.
   */
  search(term: string, page: SearchPage, options?: AccountSearchOptions): Promise<PublicAccount[]>;
  /** Accounts in the directory: `active` (latest status first, never posted last) or `new` (newest first). */
  directory(order: 'active' | 'new', page: SearchPage): Promise<PublicAccount[]>;
  /**
   * Accounts to suggest the account follows, best first: followed by those it follows (by how many),
   * then the most followed accounts that posted in the last 30 days; never itself, those it already
   * follows, nor those it dismissed.
   */
  suggestions(accountId: string, limit: number): Promise<Suggestion[]>;
  /** Remembers that the account does not want this one suggested again. */
  dismissSuggestion(accountId: string, targetAccountId: string): Promise<void>;
  /** For each target, up to `limit` accounts the viewer follows that follow it. */
  familiarFollowers(
    viewerId: string,
    targetIds: string[],
    limit: number,
  ): Promise<Map<string, PublicAccount[]>>;
}
