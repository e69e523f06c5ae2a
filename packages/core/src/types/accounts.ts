// Accounts: what anyone may see, what the owner and services see, counts and relationships.

/** How many statuses, followers and followed accounts an account has (counters, never counted on read). */
export interface AccountCounts {
  statusesCount: number;
  followersCount: number;
  followingCount: number;
}

/** What an account may do beyond posting: moderators and admins resolve reports (set with the CLI). */
export type AccountRole = 'user' | 'moderator' | 'admin';

/** What anyone may see of an account, its counters included. */
export interface PublicAccount extends AccountCounts {
  id: string;
  username: string;
  displayName: string;
  bio: string;
  bioHtml: string;
  createdAt: Date;
  /** When it last posted (Mastodon's last_status_at), or null. */
  lastStatusAt: Date | null;
  /** Storage keys of its processed profile pictures; absent or null: the default pictures. */
  avatarKey?: string | null;
  headerKey?: string | null;
  /** Shown on the profile and in the API's `roles`, as Mastodon shows its highlighted roles. */
  role: AccountRole;
}

/** An account as its owner and the services see it. */
export interface Account extends PublicAccount {
  email: string;
  emailConfirmedAt: Date | null;
  mentionEmails: boolean;
  suspendedAt: Date | null;
}

/** How the viewer and a target account follow each other. */
export interface FollowRelationship {
  /** The target account's id. */
  id: string;
  /** The viewer follows the target. */
  following: boolean;
  /** The target follows the viewer. */
  followedBy: boolean;
  /** The viewer follows the target and sees its boosts in the home timeline (false when not following). */
  showingReblogs: boolean;
}

/** How the viewer and a target account relate (Mastodon's Relationship, the parts we support). */
export interface Relationship extends FollowRelationship {
  /** The viewer blocks the target. */
  blocking: boolean;
  /** The target blocks the viewer. */
  blockedBy: boolean;
  /** The viewer mutes the target (a mute whose time ran out does not count). */
  muting: boolean;
  /** The viewer's mute also hides the target's notifications. */
  mutingNotifications: boolean;
}

/** An account in the viewer's list of muted accounts, with the end of the mute (null: for ever). */
export interface MutedAccount extends PublicAccount {
  muteExpiresAt: Date | null;
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
