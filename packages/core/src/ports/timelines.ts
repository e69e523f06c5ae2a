// Reads of many statuses at once, each as the viewer may see it (rules/visibility-rules.ts):
// timelines, profiles, tags, threads. Every read leaves out what the viewer may not see — another's
// private or direct statuses not meant for the viewer, accounts blocked either way — and the
// timelines and threads also leave out accounts the viewer mutes (profiles do not).
import type { PageRequest } from '../types/common.ts';
import type { Status } from '../types/statuses.ts';

/** Mastodon's filters of an account's statuses (GET /api/v1/accounts/:id/statuses). */
export interface AccountStatusFilter {
  /** Leave out replies (but keep replies to the account's own statuses, as Mastodon does). */
  excludeReplies?: boolean | undefined;
  /** Only statuses with this hashtag (normalized name, exact match). */
  tagged?: string | undefined;
  /** Only statuses with media attachments. */
  onlyMedia?: boolean | undefined;
  /** Leave out the account's boosts. */
  excludeReblogs?: boolean | undefined;
}

/** Mastodon's `only_media` on the public and hashtag timelines. */
export interface PublicTimelineFilter {
  /** Only statuses with (processed) media attachments. */
  onlyMedia?: boolean | undefined;
}

export interface TimelineRepository {
  /** Public statuses of accounts that are not suspended, newest first (no blocked or muted authors). */
  public(page: PageRequest, viewerId?: string, filter?: PublicTimelineFilter): Promise<Status[]>;
  /**
   * Statuses of one account the viewer may see, newest first: public and unlisted ones for anyone,
   * private ones for its followers, any it mentions the viewer in; all of them for its author;
   * none when a block stands between them.
   */
  account(
    accountId: string,
    page: PageRequest,
    viewerId?: string,
    filter?: AccountStatusFilter,
  ): Promise<Status[]>;
  /**
   * The account's own statuses and those of the accounts it follows, newest first: their public,
   * unlisted and private ones, and their direct ones that mention the account; the public and
   * unlisted statuses of others with a hashtag it follows (no author blocked either way); none of
   * muted accounts nor of the members of its exclusive lists (its own always).
   */
  home(accountId: string, page: PageRequest): Promise<Status[]>;
  /** Public statuses carrying a tag, of authors that are not suspended, newest first (no blocked or muted authors). */
  tag(tagId: string, page: PageRequest, viewerId?: string, filter?: PublicTimelineFilter): Promise<Status[]>;
  /** The statuses a status replies to, oldest first (at most `limit`, the nearest ones). */
  ancestors(statusId: string, viewerId: string | undefined, limit: number): Promise<Status[]>;
  /** Replies below a status, depth-first, each level oldest first (at most `limit`). */
  descendants(
    statusId: string,
    viewerId: string | undefined,
    limit: number,
  ): Promise<Array<{ status: Status; depth: number }>>;
}
