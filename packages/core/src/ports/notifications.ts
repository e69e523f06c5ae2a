// The notifications table.
import type { Account } from '../types/accounts.ts';
import type { PageRequest } from '../types/common.ts';
import type { Notification, NotificationType } from '../types/notifications.ts';
import type { Status } from '../types/statuses.ts';
import type { ViewerRelations } from '../rules/visibility-rules.ts';

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

/** What the mention e-mail of (status, recipient) is decided on when it is about to be sent. */
export interface MentionEmailFacts {
  /** The status as anyone sees it. */
  status: Status;
  /** The mentioned account, or null when it no longer exists. */
  recipient: Pick<Account, 'id' | 'email' | 'emailConfirmedAt' | 'mentionEmails' | 'suspendedAt'> | null;
  /** The recipient already read its mention notification of this status. */
  read: boolean;
  /** The recipient's blocks (either way) and mute in force with the status's author; nobody else's. */
  relations: ViewerRelations;
  /** The recipient follows the status's author. */
  followsAuthor: boolean;
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
  /**
   * Makes the read state follow the notifications marker: read up to and including lastReadId,
   * unread after it (a marker moved back makes newer ones unread again, as Mastodon counts them).
   */
  setReadPosition(accountId: string, lastReadId: string): Promise<void>;
  /** How many unread notifications the account has, of those `list` shows. */
  unreadCount(accountId: string): Promise<number>;
  /**
   * The status, the recipient, whether the mention was read and how the recipient relates to the
   * author, in one query: null when the status is gone (deleted, or its author suspended).
   */
  mentionEmailFacts(statusId: string, accountId: string): Promise<MentionEmailFacts | null>;
}
