// What services need from storage. packages/db implements these; services see nothing of SQL.
import type { JobRepository } from './job-repository.ts';
import type { DailyStatsRepository } from './stats-repository.ts';
import type { AccountEmailRepository } from './account-email-repository.ts';
import type { Account, PageRequest, PublicAccount, Status } from '../types.ts';
import type { Visibility } from '../rules/status-rules.ts';
import type { AccountSettingsRepository, SearchRepository, TagRepository } from './search-repositories.ts';
import type { IdempotencyRepository } from './idempotency-repository.ts';
import type { UsageRepository } from './usage-repository.ts';
import type { OAuthRepository } from './oauth-repository.ts';
import type {
  FavouriteRepository,
  FollowRepository,
  NotificationRepository,
  ThreadRepository,
} from './social-repositories.ts';

export interface NewAccount {
  username: string;
  email: string;
  passwordHash: string;
  displayName?: string;
}

export interface AccountRepository {
  create(input: NewAccount): Promise<Account>;
  findById(id: string): Promise<Account | null>;
  /** Case-insensitive. */
  findByUsername(username: string): Promise<Account | null>;
  /** Case-insensitive; for log-in by username or e-mail. */
  findCredentials(login: string): Promise<{ account: Account; passwordHash: string } | null>;
  /** Case-insensitive; returns only accounts that exist and are not suspended. */
  findMentionable(usernames: string[]): Promise<PublicAccount[]>;
  usernameTaken(username: string): Promise<boolean>;
  emailTaken(email: string): Promise<boolean>;
}

export interface NewStatus {
  accountId: string;
  text: string;
  html: string;
  visibility: Visibility;
  inReplyToId: string | null;
  inReplyToAccountId: string | null;
  mentionedAccountIds: string[];
}

export interface StatusRepository {
  /** Stores a status with its mentions and returns its id. */
  create(input: NewStatus): Promise<string>;
  /** A status whose author is not suspended, or null; `favourited` is for viewerId. */
  findById(id: string, viewerId?: string): Promise<Status | null>;
  delete(id: string): Promise<void>;
  /** Replaces the text, HTML and mentions of a status and sets edited_at (an edit). */
  update(id: string, input: { text: string; html: string; mentionedAccountIds: string[] }): Promise<void>;
  /** Public statuses of accounts that are not suspended, newest first. */
  publicTimeline(page: PageRequest, viewerId?: string): Promise<Status[]>;
  /** Statuses of one account, newest first. */
  accountTimeline(accountId: string, page: PageRequest, viewerId?: string): Promise<Status[]>;
}

export interface SessionRecord {
  accountId: string | null;
  data: Record<string, unknown>;
  expiresAt: Date;
}

export interface SessionRepository {
  get(id: string): Promise<SessionRecord | null>;
  set(id: string, record: SessionRecord): Promise<void>;
  destroy(id: string): Promise<void>;
  /** Ends every session of an account but the one given (after a password change, say). */
  destroyForAccount(accountId: string, exceptId?: string): Promise<void>;
}

export interface Repositories {
  jobs: JobRepository;
  accountEmails: AccountEmailRepository;
  accounts: AccountRepository;
  statuses: StatusRepository;
  sessions: SessionRepository;
  idempotencyKeys: IdempotencyRepository;
  usage: UsageRepository;
  follows: FollowRepository;
  favourites: FavouriteRepository;
  threads: ThreadRepository;
  notifications: NotificationRepository;
  dailyStats: DailyStatsRepository;
  oauth: OAuthRepository;
  tags: TagRepository;
  search: SearchRepository;
  accountSettings: AccountSettingsRepository;
}
