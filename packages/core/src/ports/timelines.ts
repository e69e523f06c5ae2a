// Reads of many statuses at once, each as the viewer sees them: timelines, profiles, tags, threads.
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
}

export interface TimelineRepository {
  /** Public statuses of accounts that are not suspended, newest first. */
  public(page: PageRequest, viewerId?: string): Promise<Status[]>;
  /** Statuses of one account, newest first. */
  account(
    accountId: string,
    page: PageRequest,
    viewerId?: string,
    filter?: AccountStatusFilter,
  ): Promise<Status[]>;
  /** The account's own statuses and those of the accounts it follows, newest first. */
  home(accountId: string, page: PageRequest): Promise<Status[]>;
  /** Public statuses carrying a tag, of authors that are not suspended, newest first. */
  tag(tagId: string, page: PageRequest, viewerId?: string): Promise<Status[]>;
  /** The statuses a status replies to, oldest first (at most `limit`, the nearest ones). */
  ancestors(statusId: string, viewerId: string | undefined, limit: number): Promise<Status[]>;
  /** Replies below a status, depth-first, each level oldest first (at most `limit`). */
  descendants(
    statusId: string,
    viewerId: string | undefined,
    limit: number,
  ): Promise<Array<{ status: Status; depth: number }>>;
}
