// Storage for hashtags, search and the account changes of settings and the operator CLI.
import type { Account, PageRequest, PublicAccount, Status } from '../types.ts';
import type { Hashtag } from '../search-types.ts';

export interface TagRepository {
  /** Makes a status's hashtags exactly these normalized names (creating tags as needed). */
  setForStatus(statusId: string, names: string[]): Promise<void>;
  /** A tag by normalized name, or null. */
  findByName(name: string): Promise<Hashtag | null>;
  /** Public statuses carrying a tag, of authors that are not suspended, newest first. */
  timeline(tagId: string, page: PageRequest, viewerId?: string): Promise<Status[]>;
}

/** One page of a ranked search. */
export interface SearchPage {
  limit: number;
  offset: number;
}

export interface SearchRepository {
  /**
   * Active accounts whose username or display name (unless usernameOnly) starts with the term,
   * ignoring case; exact username first.
   */
  accounts(term: string, page: SearchPage, options?: { usernameOnly?: boolean }): Promise<PublicAccount[]>;
  /** Tags whose name starts with the normalized term; exact match first. */
  hashtags(prefix: string, page: SearchPage): Promise<Hashtag[]>;
  /**
   * Statuses matching a web-search style query (websearch_to_tsquery), ranked by ts_rank then
   * newest; public ones, plus the viewer's own of any visibility.
   */
  statuses(query: string, page: SearchPage, viewerId?: string): Promise<Status[]>;
}

export interface ProfileChanges {
  displayName?: string;
  bio?: string;
  bioHtml?: string;
  mentionEmails?: boolean;
}

export interface AccountListRequest {
  limit: number;
  /** Only suspended accounts (true), only active ones (false), or all (undefined). */
  suspended?: boolean | undefined;
  /** Accounts older than this id (cursor). */
  maxId?: string | undefined;
}

export interface AccountSettingsRepository {
  /** Applies the given profile changes and returns the account as stored. */
  updateProfile(id: string, changes: ProfileChanges): Promise<Account>;
  /** The stored password hash, or null when the account does not exist. */
  passwordHash(id: string): Promise<string | null>;
  setPasswordHash(id: string, passwordHash: string): Promise<void>;
  /** Sets or clears suspended_at; returns the account as stored. */
  setSuspended(id: string, suspended: boolean): Promise<Account>;
  /** Accounts newest first. */
  list(request: AccountListRequest): Promise<Account[]>;
  /** Deletes an account; everything it owns goes with it by cascade. */
  delete(id: string): Promise<void>;
}
