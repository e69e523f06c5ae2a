// The notifications table.
import type { PageRequest } from '../types/common.ts';
import type { Notification, NotificationType } from '../types/notifications.ts';

export interface NewNotification {
  accountId: string;
  fromAccountId: string;
  type: NotificationType;
  statusId: string | null;
}

export interface NotificationFilter {
  types?: NotificationType[] | undefined;
  excludeTypes?: NotificationType[] | undefined;
  /** Only those caused by this account (Mastodon's `account_id`). */
  fromAccountId?: string | undefined;
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
  /**
   * Makes the read state follow the notifications marker: read up to and including lastReadId,
   * unread after it (a marker moved back makes newer ones unread again, as Mastodon counts them).
   */
  setReadPosition(accountId: string, lastReadId: string): Promise<void>;
  /** How many unread notifications the account has (from accounts that are not suspended). */
  unreadCount(accountId: string): Promise<number>;
  /** True when the account already read its mention notification of this status. */
  mentionRead(statusId: string, accountId: string): Promise<boolean>;
}
