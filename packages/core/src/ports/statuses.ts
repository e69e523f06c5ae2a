// The statuses table and what belongs to a status: mentions, hashtags, idempotency keys.
import type { Status } from '../types/statuses.ts';
import type { Visibility } from '../rules/status-rules.ts';

export interface NewStatus {
  accountId: string;
  text: string;
  html: string;
  visibility: Visibility;
  inReplyToId: string | null;
  inReplyToAccountId: string | null;
  mentionedAccountIds: string[];
  /** Normalized hashtag names. */
  tags: string[];
  /** Its media are sensitive (absent: false). */
  sensitive?: boolean | undefined;
  /** The content warning ('' or absent: none). */
  spoilerText?: string | undefined;
  /** ISO 639-1, or null (the default). */
  language?: string | null | undefined;
}

/** What an edit replaces. */
export interface StatusChanges {
  text: string;
  html: string;
  mentionedAccountIds: string[];
  tags: string[];
  /** A new language; undefined keeps the stored one. */
  language?: string | null | undefined;
  /** A new content warning ('' removes it); undefined keeps the stored one. */
  spoilerText?: string | undefined;
  /** A new sensitive flag; undefined keeps the stored one. */
  sensitive?: boolean | undefined;
}

export interface StatusRepository {
  /** Stores a status with its mentions and hashtags and returns its id. */
  create(input: NewStatus): Promise<string>;
  /**
   * A status the viewer may see (rules/visibility-rules.ts mayShowStatus: its audience, no block
   * either way; nobody logged in sees public and unlisted ones only), or null; `favourited` is for
   * viewerId.
   */
  findById(id: string, viewerId?: string): Promise<Status | null>;
  /** Replaces text, HTML, mentions and hashtags, and sets edited_at. */
  update(id: string, changes: StatusChanges): Promise<void>;
  delete(id: string): Promise<void>;
  /**
   * Claims an Idempotency-Key (given as a hash) for an account inside the current transaction.
   * Returns null when this call claimed it (the caller then records the status), else the first
   * request's status id ('' when that status is gone). A concurrent claim of the same key waits
   * until the first transaction ends. Keys older than a day may be claimed again, as Mastodon
   * forgets them too.
   */
  claimIdempotencyKey(accountId: string, keyHash: string): Promise<string | null>;
  /** Records the status created under a claimed key. */
  recordIdempotencyKey(accountId: string, keyHash: string, statusId: string): Promise<void>;
}
