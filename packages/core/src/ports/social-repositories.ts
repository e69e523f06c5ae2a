// What the social services need from storage: follows, favourites, threads and notifications.
import type { PageRequest, PublicAccount, Status } from '../types.ts';
import type { AccountCounts, Entry, Notification, NotificationType, Relationship } from '../social-types.ts';

export interface FollowRepository {
  /** Adds the follow unless it exists; `created` says whether a row was written. */
  create(accountId: string, targetAccountId: string): Promise<{ created: boolean }>;
  /** Removes the follow; false when there was none. */
  delete(accountId: string, targetAccountId: string): Promise<boolean>;
  /** Accounts (not suspended) that accountId follows, newest follow first, by follow id. */
  following(accountId: string, page: PageRequest): Promise<Entry<PublicAccount>[]>;
  /** Accounts (not suspended) following accountId, newest follow first, by follow id. */
  followers(accountId: string, page: PageRequest): Promise<Entry<PublicAccount>[]>;
  /** The viewer's relationship to each target, in the order given. */
  relationships(viewerId: string, targetIds: string[]): Promise<Relationship[]>;
  /** Counts for each account id given (zeros for unknown ids). */
  counts(accountIds: string[]): Promise<Map<string, AccountCounts>>;
  /** The account's own statuses and those of the accounts it follows, newest first. */
  homeTimeline(accountId: string, page: PageRequest): Promise<Status[]>;
}

export interface FavouriteRepository {
  /** Adds the favourite unless it exists; `created` says whether a row was written. */
  create(accountId: string, statusId: string): Promise<{ created: boolean }>;
  /** Removes the favourite; false when there was none. */
  delete(accountId: string, statusId: string): Promise<boolean>;
  /** Accounts (not suspended) that favourited a status, newest first, by favourite id. */
  favouritedBy(statusId: string, page: PageRequest): Promise<Entry<PublicAccount>[]>;
  /** Statuses an account favourited, newest favourite first, by favourite id. */
  byAccount(accountId: string, page: PageRequest): Promise<Entry<Status>[]>;
}

export interface ThreadRepository {
  /** The statuses a status replies to, oldest first (at most `limit`, the nearest ones). */
  ancestors(statusId: string, viewerId: string | undefined, limit: number): Promise<Status[]>;
  /** Replies below a status, depth-first, each level oldest first (at most `limit`). */
  descendants(
    statusId: string,
    viewerId: string | undefined,
    limit: number,
  ): Promise<Array<{ status: Status; depth: number }>>;
}

export interface NewNotification {
  accountId: string;
  fromAccountId: string;
  type: NotificationType;
  statusId: string | null;
}

export interface NotificationFilter {
  types?: NotificationType[] | undefined;
  excludeTypes?: NotificationType[] | undefined;
}

export interface NotificationRepository {
  /** Writes notifications, skipping any that already exist; returns how many were written. */
  create(notifications: NewNotification[]): Promise<number>;
  /** Removes the notification an action caused (after unfollow or unfavourite). */
  deleteFor(n: NewNotification): Promise<void>;
  /** An account's notifications, newest first, hiding those from suspended accounts. */
  list(accountId: string, page: PageRequest, filter?: NotificationFilter): Promise<Notification[]>;
  /** One notification of the account, or null (also when it belongs to someone else). */
  findById(accountId: string, id: string): Promise<Notification | null>;
  /** Deletes one notification of the account; false when it has none with this id. */
  dismiss(accountId: string, id: string): Promise<boolean>;
  /** Deletes every notification of the account; returns how many. */
  clear(accountId: string): Promise<number>;
  /** Marks the account's unread notifications up to and including `upToId` (all when omitted) as read. */
  markRead(accountId: string, upToId?: string): Promise<number>;
  /** How many unread notifications the account has (from accounts that are not suspended). */
  unreadCount(accountId: string): Promise<number>;
}
