// The accounts table: every change to an account goes through this one repository.
import type {
  Account,
  AccountRole,
  AccountToken,
  AccountTokenPurpose,
  PublicAccount,
} from '../types/accounts.ts';

export interface NewAccount {
  username: string;
  email: string;
  passwordHash: string;
  displayName?: string;
}

/** Profile fields to change; absent fields stay as they are. */
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

export interface AccountRepository {
  /** Creates an account; a name or address taken in a race is a ValidationError on that field. */
  create(input: NewAccount): Promise<Account>;
  findById(id: string): Promise<Account | null>;
  /** Case-insensitive. */
  findByUsername(username: string): Promise<Account | null>;
  /** Case-insensitive; by username, or by e-mail when `login` has an @. */
  findCredentials(login: string): Promise<{ account: Account; passwordHash: string } | null>;
  /** Active accounts with these usernames (case-insensitive). */
  findMentionable(usernames: string[]): Promise<PublicAccount[]>;
  /** The ids of the accounts (suspended or not) with these usernames, by lower-case username. */
  idsByUsername(usernames: string[]): Promise<Map<string, string>>;
  usernameTaken(username: string): Promise<boolean>;
  emailTaken(email: string): Promise<boolean>;
  /** Accounts newest first (the operator's list). */
  list(request: AccountListRequest): Promise<Account[]>;
  /** Applies the given profile changes and returns the account as stored. */
  updateProfile(id: string, changes: ProfileChanges): Promise<Account>;
  setPasswordHash(id: string, passwordHash: string): Promise<void>;
  /** Confirms the address if it is still `email`; false when it changed since. */
  confirmEmail(id: string, email: string): Promise<boolean>;
  /** Shows a processed picture (its storage key) as the account's avatar or header; null: the default. */
  setProfileImage(id: string, purpose: 'avatar' | 'header', key: string | null): Promise<void>;
  /** Sets or clears suspended_at; returns the account as stored. */
  setSuspended(id: string, suspended: boolean): Promise<Account>;
  /** Sets the account's role; returns the account as stored. */
  setRole(id: string, role: AccountRole): Promise<Account>;
  /** Deletes an account; everything it owns goes with it by cascade. */
  delete(id: string): Promise<void>;
}

/** Single-use tokens e-mailed to an account (address confirmation, password reset), stored as hashes. */
export interface AccountTokenRepository {
  create(input: Omit<AccountToken, 'usedAt'> & { tokenHash: string }): Promise<void>;
  findById(id: string): Promise<AccountToken | null>;
  findByHash(tokenHash: string): Promise<AccountToken | null>;
  /** Marks a token used; false when it was already used (a concurrent use lost the race). */
  markUsed(id: string): Promise<boolean>;
  /** Marks every unused token of an account and purpose used (after a password reset, say). */
  invalidate(accountId: string, purpose: AccountTokenPurpose): Promise<void>;
  /** Deletes expired tokens; returns how many. */
  purgeExpired(now: Date): Promise<number>;
}
