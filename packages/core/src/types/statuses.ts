// Statuses as timelines and pages show them, and the thread around one.
import type { PublicAccount } from './accounts.ts';
import type { MediaAttachment } from './media.ts';
import type { Visibility } from '../rules/status-rules.ts';

/** A mention stored with a status. */
export interface Mention {
  accountId: string;
  username: string;
}

/** A status's poll (its id is the status's), as the viewer of the read sees it. */
export interface Poll {
  id: string;
  options: string[];
  /** Votes per option, in the order of `options`. */
  votesCounts: number[];
  votesCount: number;
  votersCount: number;
  multiple: boolean;
  /** Counts per option are hidden until the poll ends (Mastodon's hide_totals). */
  hideTotals: boolean;
  expiresAt: Date;
  /** The viewer's choices, null when it has not voted (or nobody is logged in); read per viewer. */
  ownVotes: number[] | null;
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
  /** ISO 639-1, given by the client or detected; null when unknown. */
  language: string | null;
  /** Direct replies, as counted when they were written (a suspended author's replies still count, as on Mastodon). */
  repliesCount: number;
  favouritesCount: number;
  /** Boosts of it, kept as a counter (0 for a boost itself). */
  reblogsCount: number;
  /** Whether the viewer of the read favourited it; false when nobody is logged in. */
  favourited: boolean;
  /** Whether the viewer of the read bookmarked it; false when nobody is logged in. */
  bookmarked: boolean;
  /** Whether the viewer of the read boosted it; false when nobody is logged in. */
  reblogged: boolean;
  /**
   * A boost: the status boosted, as the viewer sees it (Mastodon's `reblog`); the boost itself has
   * no text of its own. Absent or null: not a boost.
   */
  reblog?: Status | null;
  /** Whether the viewer of the read pinned it to its profile (only its author can); false otherwise. */
  pinned: boolean;
  /** The content warning the text is shown behind; '' for none. */
  spoilerText: string;
  /** Its processed image attachments, in the order posted (absent: none). */
  media?: MediaAttachment[];
  /** The author marked it sensitive, or gave a content warning: pages hide its media until the reader asks (absent: false). */
  sensitive?: boolean;
  /**
   * Its poll (absent or null: none). A status with a poll is never a shared cached object: the
   * poll carries the viewer's own votes and its end is judged at each read.
   */
  poll?: Poll | null;
}

/** One version of a status: an earlier one an edit replaced, or the current one (edit history). */
export interface StatusVersion {
  text: string;
  html: string;
  spoilerText: string;
  sensitive: boolean;
  /** Its image attachments as they were shown then. */
  media: MediaAttachment[];
  /** When this version was written: the status's creation, or the edit that made it. */
  createdAt: Date;
}

/** A status's versions, oldest first, the current one last (Mastodon's StatusEdit list). */
export interface StatusHistory {
  account: PublicAccount;
  versions: StatusVersion[];
}

/** What an edit starts from (Mastodon's StatusSource). */
export interface StatusSource {
  id: string;
  text: string;
  spoilerText: string;
}

/** A status's surroundings: ancestors oldest first, descendants depth-first in reply order. */
export interface StatusContext {
  ancestors: Status[];
  /** Each descendant with its depth below the focused status (1 = a direct reply). */
  descendants: Array<{ status: Status; depth: number }>;
}
