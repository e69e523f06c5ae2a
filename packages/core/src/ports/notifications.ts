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
}

export interface NotificationRepository {
  /**
   * Writes notifications, skipping any that already exist and any its recipient must not get: from
   * an account it blocks or that blocks it, or that it mutes with notifications (rules/
   * visibility-rules.ts hidesNotificationsFrom). Returns the recipients of those written.
   */
  create(notifications: NewNotification[]): Promise<string[]>;
  /** Deletes the account's notifications caused by the other account (after a block). */
  deleteFrom(accountId: string, fromAccountId: string): Promise<void>;
  /** Removes the notification an action caused (after unfollow or unfavourite). */
  deleteFor(n: NewNotification): Promise<void>;
  /**
   * An account's notifications, newest first, hiding those from suspended accounts, from accounts
   * blocked either way or muted with notifications, and those whose status the account may not see.
   */
  list(accountId: string, page: PageRequest, filter?: NotificationFilter): Promise<Notification[]>;
  /** One notification of the account, or null (also when it belongs to someone else). */
  findById(accountId: string, id: string): Promise<Notification | null>;
  /** Deletes one notification of the account; false when it has none with this id. */
  dismiss(accountId: string, id: string): Promise<boolean>;
  /** Deletes every notification of the account; returns how many. */
  clear(accountId: string): Promise<number>;
  /** Marks the account's unread notifications up to and including `upToId` (all when omitted) as read. */
  markRead(accountId: string, upToId?: string): Promise<number>;
  /** How many unread notifications the account has, of those `list` shows. */
  unreadCount(accountId: string): Promise<number>;
  /** True when the account already read its mention notification of this status. */
  mentionRead(statusId: string, accountId: string): Promise<boolean>;
}
