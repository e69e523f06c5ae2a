// In-app notifications (mention, follow, favourite, reblog, update).
import type { PublicAccount } from './accounts.ts';
import type { Status } from './statuses.ts';

export const NOTIFICATION_TYPES = ['mention', 'follow', 'favourite', 'reblog', 'update', 'poll'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** An in-app notification to the viewer. */
export interface Notification {
  id: string;
  type: NotificationType;
  createdAt: Date;
  readAt: Date | null;
  /**
   * Who caused it: the author of the mention, the follower, the one who favourited or boosted, the
   * editor, the poll's author.
   */
  account: PublicAccount;
  /** The status it is about (mention, favourite, the original of a boost, the edited one, an ended poll); null for a follow. */
  status: Status | null;
}
