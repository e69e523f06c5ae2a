// Accounts: what anyone may see, what the owner and services see, counts and relationships.

/** What anyone may see of an account. */
export interface PublicAccount {
  id: string;
  username: string;
  displayName: string;
  bio: string;
  bioHtml: string;
  createdAt: Date;
}

/** An account as its owner and the services see it. */
export interface Account extends PublicAccount {
  email: string;
  emailConfirmedAt: Date | null;
  mentionEmails: boolean;
  suspendedAt: Date | null;
}

/** How many statuses, followers and followed accounts an account has. */
export interface AccountCounts {
  statusesCount: number;
  followersCount: number;
  followingCount: number;
}

/** A public account with its counts, as profiles show it. */
export interface AccountWithCounts extends PublicAccount, AccountCounts {}

/** How the viewer and a target account relate (Mastodon's Relationship, the parts we support). */
export interface Relationship {
  /** The target account's id. */
  id: string;
  /** The viewer follows the target. */
  following: boolean;
  /** The target follows the viewer. */
  followedBy: boolean;
}

export type AccountTokenPurpose = 'confirm_email' | 'password_reset';

/** A single-use token e-mailed to an account's address (only its hash is stored). */
export interface AccountToken {
  id: string;
  accountId: string;
  purpose: AccountTokenPurpose;
  /** The address the token was sent to. */
  email: string;
  expiresAt: Date;
  usedAt: Date | null;
}
