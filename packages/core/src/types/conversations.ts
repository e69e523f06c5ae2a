// Direct conversations (Mastodon's Conversation): each person's view of a thread of direct statuses.
import type { PublicAccount } from './accounts.ts';
import type { Status } from './statuses.ts';

/** One thread of direct statuses as one of its participants sees it. */
export interface Conversation {
  id: string;
  /** A status arrived from someone else since the participant last marked it read. */
  unread: boolean;
  /** The other participants (the viewer alone when nobody else is left). */
  accounts: PublicAccount[];
  /** The newest status of the thread the viewer may see, or null. */
  lastStatus: Status | null;
}
