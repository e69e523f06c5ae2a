// Domain types of follows, favourites, threads and notifications (docs/product.md §3).
import type { PublicAccount, Status } from './types.ts';

/** How many statuses, followers and followed accounts an account has. */
export interface AccountCounts {
  statusesCount: number;
  followersCount: number;
  followingCount: number;
}

/** A public account with its counts, as profiles show it. */
export interface AccountWithCounts extends PublicAccount, AccountCounts {}

/** How the viewer and a target account relate (Mastodon's Relationship, the parts we support). */
export interface Relationship {
  /** The target account's id. */
  id: string;
  /** The viewer follows the target. */
  following: boolean;
  /** The target follows the viewer. */
  followedBy: boolean;
}

/**
 * An entry of a list paginated by a relation row rather than by the account or status itself:
 * `id` is the follow or favourite row's id, the cursor for max_id/min_id (Mastodon's Link header).
 */
export interface Entry<T> {
  id: string;
  item: T;
}

/** A status's surroundings: ancestors oldest first, descendants depth-first in reply order. */
export interface StatusContext {
  ancestors: Status[];
  /** Each descendant with its depth below the focused status (1 = a direct reply). */
  descendants: Array<{ status: Status; depth: number }>;
}

export const NOTIFICATION_TYPES = ['mention', 'follow', 'favourite'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** An in-app notification to the viewer. */
export interface Notification {
  id: string;
  type: NotificationType;
  createdAt: Date;
  readAt: Date | null;
  /** Who caused it: the author of the mention, the follower, the one who favourited. */
  account: PublicAccount;
  /** The status it is about (mention, favourite); null for a follow. */
  status: Status | null;
}
