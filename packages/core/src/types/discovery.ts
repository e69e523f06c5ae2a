// Reading positions, hashtags as the API shows them, and ways to find accounts (issue 11).
import type { PublicAccount } from './accounts.ts';

export const MARKER_TIMELINES = ['home', 'notifications'] as const;
export type MarkerTimeline = (typeof MARKER_TIMELINES)[number];

/** Where a person stopped reading a timeline (Mastodon's Marker). */
export interface Marker {
  timeline: MarkerTimeline;
  lastReadId: string;
  /** Counts the changes (Mastodon's lock_version). */
  version: number;
  updatedAt: Date;
}

/** One UTC day of a hashtag's use in public and unlisted statuses. */
export interface TagDay {
  /** Midnight UTC of the day. */
  day: Date;
  uses: number;
  accounts: number;
}

/** A hashtag with its last week, newest day first, and whether the viewer follows it. */
export interface TagInfo {
  /** null for a valid name nobody has used or followed yet. */
  id: string | null;
  name: string;
  history: TagDay[];
  /** Whether the viewer follows it; undefined without a viewer. */
  following: boolean | undefined;
}

/** Why an account is suggested (Mastodon's Suggestion `sources`). */
export type SuggestionSource = 'friends_of_friends' | 'most_followed';

export interface Suggestion {
  account: PublicAccount;
  source: SuggestionSource;
}

/** The accounts the viewer follows that follow an account (Mastodon's FamiliarFollowers). */
export interface FamiliarFollowers {
  id: string;
  accounts: PublicAccount[];
}
