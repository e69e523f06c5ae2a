// The unit of work: every repository, and transactions that nest.
import type { AccountRepository, AccountTokenRepository } from './accounts.ts';
import type { AccountDiscoveryRepository } from './account-discovery.ts';
import type { MarkerRepository } from './markers.ts';
import type { TagFollowRepository } from './tag-follows.ts';
import type { BlockRepository } from './blocks.ts';
import type { BookmarkRepository } from './bookmarks.ts';
import type { ReblogRepository } from './reblogs.ts';
import type { PinRepository } from './pins.ts';
import type { StatusEditRepository } from './status-edits.ts';
import type { ConversationRepository } from './conversations.ts';
import type { FavouriteRepository } from './favourites.ts';
import type { FilterRepository } from './filters.ts';
import type { FollowRepository } from './follows.ts';
import type { JobRepository } from './jobs.ts';
import type { ListRepository } from './lists.ts';
import type { MediaRepository } from './media.ts';
import type { MuteRepository } from './mutes.ts';
import type { NotificationRepository } from './notifications.ts';
import type { OAuthRepository } from './oauth.ts';
import type { PollRepository } from './polls.ts';
import type { ReportRepository } from './reports.ts';
import type { RateLimitRepository } from './rate-limits.ts';
import type { SearchRepository, TagRepository } from './search.ts';
import type { SessionRepository } from './sessions.ts';
import type { StatsRepository } from './stats.ts';
import type { StatusRepository } from './statuses.ts';
import type { TimelineRepository } from './timelines.ts';

/** One repository per table or aggregate; packages/db implements them, services see nothing of SQL. */
export interface Repositories {
  accounts: AccountRepository;
  accountTokens: AccountTokenRepository;
  statuses: StatusRepository;
  timelines: TimelineRepository;
  follows: FollowRepository;
  favourites: FavouriteRepository;
  bookmarks: BookmarkRepository;
  reblogs: ReblogRepository;
  statusEdits: StatusEditRepository;
  pins: PinRepository;
  notifications: NotificationRepository;
  blocks: BlockRepository;
  mutes: MuteRepository;
  conversations: ConversationRepository;
  tags: TagRepository;
  search: SearchRepository;
  sessions: SessionRepository;
  oauth: OAuthRepository;
  jobs: JobRepository;
  stats: StatsRepository;
  media: MediaRepository;
  reports: ReportRepository;
  markers: MarkerRepository;
  tagFollows: TagFollowRepository;
  lists: ListRepository;
  accountDiscovery: AccountDiscoveryRepository;
  rateLimits: RateLimitRepository;
  polls: PollRepository;
  filters: FilterRepository;
}

/** Repositories for reads, and transactions for writes that must happen together. */
export interface UnitOfWork extends Repositories {
  /**
   * Runs fn in one database transaction; everything it writes commits or rolls back together.
   * Re-entrant: called on the `tx` it was given, it runs fn in that same transaction, so one
   * service can call another inside its own transaction.
   */
  transaction<T>(fn: (tx: UnitOfWork) => Promise<T>): Promise<T>;
}
