// Domain types shared by services, the data package and the edges.
import type { Visibility } from './rules/status-rules.ts';

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

/** A mention stored with a status. */
export interface Mention {
  accountId: string;
  username: string;
}

/** A status with its author, as timelines and pages show it. */
export interface Status {
  id: string;
  account: PublicAccount;
  text: string;
  html: string;
  visibility: Visibility;
  inReplyToId: string | null;
  inReplyToAccountId: string | null;
  createdAt: Date;
  editedAt: Date | null;
  mentions: Mention[];
  /** Direct replies by accounts that are not suspended. */
  repliesCount: number;
  favouritesCount: number;
  /** Whether the viewer of the read favourited it; false when nobody is logged in. */
  favourited: boolean;
}

/** A cursor page request; ids are compared as numbers, newest first (Mastodon's max_id/since_id/min_id). */
export interface PageRequest {
  maxId?: string | undefined;
  sinceId?: string | undefined;
  minId?: string | undefined;
  limit: number;
}
