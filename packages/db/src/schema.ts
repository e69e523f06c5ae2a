// Kysely's view of the tables; migrations are the source of truth, this mirrors them.
import type { ColumnType, Generated } from 'kysely';
import type {
  AccountRole,
  HashtagCount,
  ListRepliesPolicy,
  NotificationType,
  ReportCategory,
  ReportResolution,
} from '@microposts/core';

type Id = ColumnType<string, string | undefined, never>;
type CreatedAt = ColumnType<Date, Date | undefined, never>;

export interface AccountsTable {
  id: Id;
  username: string;
  email: string;
  password_hash: string;
  display_name: Generated<string>;
  bio: Generated<string>;
  bio_html: Generated<string>;
  email_confirmed_at: Date | null;
  mention_emails: Generated<boolean>;
  suspended_at: Date | null;
  created_at: CreatedAt;
  /** Storage keys of the current profile pictures (migration 0013). */
  avatar_key: ColumnType<string | null, string | null | undefined, string | null>;
  header_key: ColumnType<string | null, string | null | undefined, string | null>;
  /** Migration 0011. */
  role: Generated<AccountRole>;
}

export interface StatusesTable {
  id: Id;
  account_id: string;
  text: string;
  html: string;
  visibility: 'public' | 'unlisted' | 'private' | 'direct';
  in_reply_to_id: string | null;
  in_reply_to_account_id: string | null;
  created_at: CreatedAt;
  edited_at: Date | null;
  /** Its media are sensitive (migration 0013). */
  sensitive: Generated<boolean>;
  /** ISO 639-1, or null (migration 0012). */
  language: ColumnType<string | null, string | null | undefined, string | null>;
  /** The content warning, '' for none (migration 0015). */
  spoiler_text: Generated<string>;
  /** A boost: the status boosted (its own text is ''; migration 0016). */
  reblog_of_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Generated from text (migration 0003); never written. */
  search_vector: ColumnType<string, never, never>;
}

export interface MentionsTable {
  status_id: string;
  account_id: string;
}

export interface SessionsTable {
  id: string;
  account_id: string | null;
  data: ColumnType<Record<string, unknown>, string, string>;
  expires_at: Date;
}

/** Rate-limit counters shared by the web processes (migration 0009). */
export interface RateLimitsTable {
  key: string;
  count: number;
  reset_at: Date;
}

/** E-mailed single-use tokens (migration 0005); only a hash of the token is stored. */
export interface AccountTokensTable {
  id: string;
  account_id: string;
  purpose: 'confirm_email' | 'password_reset';
  token_hash: string;
  email: string;
  expires_at: Date;
  used_at: Date | null;
  created_at: CreatedAt;
}

/** Idempotency-Key of the client API (migration 0007). */
export interface IdempotencyKeysTable {
  account_id: string;
  key: string;
  status_id: string | null;
  /** Updated when a key older than a day is claimed again. */
  created_at: ColumnType<Date, Date | undefined, Date>;
}

/** Counters of an account (migration 0008), kept by triggers; read, never written by the code. */
export interface AccountStatsTable {
  account_id: string;
  statuses_count: ColumnType<string, never, never>;
  followers_count: ColumnType<string, never, never>;
  following_count: ColumnType<string, never, never>;
  last_status_at: ColumnType<Date | null, never, never>;
}

/** Counters of a status (migration 0008), kept by triggers. */
export interface StatusStatsTable {
  status_id: string;
  replies_count: ColumnType<string, never, never>;
  favourites_count: ColumnType<string, never, never>;
  reblogs_count: ColumnType<string, never, never>;
}

export interface FollowsTable {
  id: Id;
  account_id: string;
  target_account_id: string;
  created_at: CreatedAt;
  /** The follower sees the target's boosts in its home timeline (migration 0016). */
  show_reblogs: Generated<boolean>;
}

export interface FavouritesTable {
  id: Id;
  account_id: string;
  status_id: string;
  created_at: CreatedAt;
}

/** A status an account keeps for later, seen only by that account (migration 0015). */
export interface BookmarksTable {
  id: Id;
  account_id: string;
  status_id: string;
  created_at: CreatedAt;
}

/** A status's poll (migration 0022); its id is the status's. */
export interface PollsTable {
  status_id: string;
  options: string[];
  /** Per option, kept by the poll_votes trigger. */
  votes_counts: ColumnType<string[], string[], string[]>;
  votes_count: ColumnType<string, string | undefined, string>;
  voters_count: ColumnType<string, string | undefined, string>;
  multiple: boolean;
  hide_totals: boolean;
  expires_at: Date;
  closed_at: Date | null;
}

/** One voter's choices in a poll (migration 0022). */
export interface PollVotesTable {
  poll_id: string;
  account_id: string;
  choices: number[];
  created_at: CreatedAt;
}

/** A version of a status that an edit replaced (migration 0017). */
export interface StatusEditsTable {
  id: Id;
  status_id: string;
  text: string;
  html: string;
  spoiler_text: string;
  sensitive: boolean;
  /** The version's media attachments as they were shown (MediaAttachment, JSON). */
  media: ColumnType<unknown, string, string>;
  media_keys: ColumnType<string[], string[], string[]>;
  created_at: ColumnType<Date, Date, never>;
}

/** A status pinned to its author's profile (migration 0017). */
export interface StatusPinsTable {
  id: Id;
  account_id: string;
  status_id: string;
  created_at: CreatedAt;
}

/** One account blocking another (migration 0010). */
export interface BlocksTable {
  id: Id;
  account_id: string;
  target_account_id: string;
  created_at: CreatedAt;
}

/** One account muting another (migration 0010); a mute with expires_at in the past is over. */
export interface MutesTable {
  id: Id;
  account_id: string;
  target_account_id: string;
  notifications: boolean;
  expires_at: Date | null;
  created_at: CreatedAt;
}

/** A participant's view of a thread of direct statuses (migration 0010). */
export interface AccountConversationsTable {
  id: Id;
  account_id: string;
  conversation_id: string;
  participant_account_ids: string[];
  status_ids: string[];
  last_status_id: string;
  unread: boolean;
}

export interface NotificationsTable {
  id: Id;
  account_id: string;
  from_account_id: string;
  type: NotificationType;
  status_id: string | null;
  read_at: Date | null;
  created_at: CreatedAt;
}

/** OAuth 2 applications, tokens and codes (migration 0004); secrets only as SHA-256 hashes. */
export interface OAuthAppsTable {
  id: Id;
  name: string;
  website: string | null;
  redirect_uris: string[];
  scopes: string[];
  client_id: string;
  client_secret_hash: string;
  owner_account_id: string | null;
  created_at: CreatedAt;
}

export interface OAuthTokensTable {
  id: Id;
  token_hash: string;
  app_id: string;
  account_id: string | null;
  scopes: string[];
  created_at: CreatedAt;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

export interface OAuthCodesTable {
  code_hash: string;
  app_id: string;
  account_id: string;
  scopes: string[];
  redirect_uri: string;
  code_challenge: string | null;
  expires_at: Date;
  used_at: Date | null;
  token_id: string | null;
  created_at: CreatedAt;
}

export interface TagsTable {
  id: Id;
  name: string;
  created_at: CreatedAt;
}

export interface StatusTagsTable {
  status_id: string;
  tag_id: string;
}

/** One UTC day of statistics (migration 0006); the repository reads and writes it with SQL. */
export interface DailyStatsTable {
  day: ColumnType<string, string, string>;
  new_accounts: number;
  active_accounts: number;
  statuses: number;
  replies: number;
  mentions: number;
  favourites: number;
  new_follows: number;
  top_hashtags: ColumnType<HashtagCount[], string, string>;
  computed_at: ColumnType<Date, Date | undefined, Date>;
}

/** Uploads, attachments and profile pictures (migration 0013). */
export interface MediaAttachmentsTable {
  id: Id;
  account_id: string;
  status_id: string | null;
  position: Generated<number>;
  purpose: 'attachment' | 'avatar' | 'header';
  state: Generated<'processing' | 'ready' | 'failed'>;
  error: string | null;
  format: string;
  /** The uploaded bytes, until processed. */
  upload: Buffer | null;
  upload_size: number;
  description: string | null;
  focus_x: Generated<number>;
  focus_y: Generated<number>;
  file_key: string | null;
  preview_key: string | null;
  width: number | null;
  height: number | null;
  file_size: number | null;
  preview_width: number | null;
  preview_height: number | null;
  blurhash: string | null;
  created_at: CreatedAt;
  processed_at: Date | null;
}

/** Storage keys of deleted media, until their files are deleted (migration 0013). */
export interface MediaReleasedTable {
  key: string;
  released_at: CreatedAt;
}

/** Reports of accounts to the moderators (migration 0011). */
export interface ReportsTable {
  id: Id;
  account_id: string | null;
  target_account_id: string;
  category: ReportCategory;
  comment: string;
  status_ids: ColumnType<string[], string[], string[]>;
  created_at: CreatedAt;
  resolved_at: Date | null;
  resolved_by_account_id: string | null;
  resolution: ReportResolution | null;
}

/** Reading positions (migration 0012): one per person and timeline. */
export interface MarkersTable {
  account_id: string;
  timeline: 'home' | 'notifications';
  last_read_id: string;
  version: ColumnType<number, number | undefined, number>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** Followed hashtags (migration 0012). */
export interface TagFollowsTable {
  id: Id;
  account_id: string;
  tag_id: string;
  created_at: CreatedAt;
}

/** Dismissed follow suggestions (migration 0012). */
export interface SuggestionDismissalsTable {
  account_id: string;
  target_account_id: string;
  created_at: CreatedAt;
}

/** Lists and their members (migration 0022). */
export interface ListsTable {
  id: Id;
  account_id: string;
  title: string;
  replies_policy: ColumnType<ListRepliesPolicy, ListRepliesPolicy | undefined, ListRepliesPolicy>;
  exclusive: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
}

export interface ListAccountsTable {
  id: Id;
  list_id: string;
  account_id: string;
  follow_id: string | null;
  created_at: CreatedAt;
}

/** A person's filter (migration 0020). */
export interface FiltersTable {
  id: Id;
  account_id: string;
  title: string;
  context: string[];
  action: 'warn' | 'hide';
  expires_at: Date | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** A keyword of a filter (migration 0020). */
export interface FilterKeywordsTable {
  id: Id;
  filter_id: string;
  keyword: string;
  whole_word: boolean;
  created_at: CreatedAt;
}

/** A status a filter names (migration 0020). */
export interface FilterStatusesTable {
  id: Id;
  filter_id: string;
  status_id: string;
  created_at: CreatedAt;
}

export interface Database {
  account_tokens: AccountTokensTable;
  accounts: AccountsTable;
  statuses: StatusesTable;
  mentions: MentionsTable;
  sessions: SessionsTable;
  rate_limits: RateLimitsTable;
  oauth_apps: OAuthAppsTable;
  oauth_tokens: OAuthTokensTable;
  oauth_codes: OAuthCodesTable;
  follows: FollowsTable;
  favourites: FavouritesTable;
  bookmarks: BookmarksTable;
  polls: PollsTable;
  poll_votes: PollVotesTable;
  status_edits: StatusEditsTable;
  status_pins: StatusPinsTable;
  notifications: NotificationsTable;
  blocks: BlocksTable;
  mutes: MutesTable;
  account_conversations: AccountConversationsTable;
  idempotency_keys: IdempotencyKeysTable;
  tags: TagsTable;
  status_tags: StatusTagsTable;
  daily_stats: DailyStatsTable;
  account_stats: AccountStatsTable;
  status_stats: StatusStatsTable;
  media_attachments: MediaAttachmentsTable;
  media_released: MediaReleasedTable;
  reports: ReportsTable;
  markers: MarkersTable;
  tag_follows: TagFollowsTable;
  suggestion_dismissals: SuggestionDismissalsTable;
  lists: ListsTable;
  list_accounts: ListAccountsTable;
  filters: FiltersTable;
  filter_keywords: FilterKeywordsTable;
  filter_statuses: FilterStatusesTable;
}
