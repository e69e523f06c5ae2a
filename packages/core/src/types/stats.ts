// Daily statistics and the site's usage counters.

/** A hashtag and how many statuses used it on one day. */
export interface HashtagCount {
  name: string;
  count: number;
}

/** The numbers of one UTC day, as stored in daily_stats. */
export interface DailyStats {
  /** The UTC day, as YYYY-MM-DD. */
  day: string;
  newAccounts: number;
  /** Accounts that posted at least one status that day. */
  activeAccounts: number;
  statuses: number;
  replies: number;
  mentions: number;
  favourites: number;
  newFollows: number;
  /** At most ten, most used first (ties by name). */
  topHashtags: HashtagCount[];
  /** When these numbers were written; a re-run that finds the same numbers leaves it unchanged. */
  computedAt: Date;
}

/** How big and how active the site is (instance and NodeInfo documents). */
export interface Usage {
  /** Accounts that are not suspended. */
  users: number;
  /** Of those, accounts that posted in the last 30 days. */
  activeMonth: number;
  /** Of those, accounts that posted in the last 180 days. */
  activeHalfyear: number;
  /** Statuses of accounts that are not suspended. */
  statuses: number;
}

/**
 * The day's counts in the one order every presentation uses — the JSON API, the CLI table and the
 * /stats page — with the JSON name and the labels people read. Add a count here and to DailyStats.
 */
export const DAILY_COUNTS = [
  { key: 'newAccounts', json: 'new_accounts', label: 'New accounts', short: 'new accts' },
  { key: 'activeAccounts', json: 'active_accounts', label: 'Active accounts', short: 'active' },
  { key: 'statuses', json: 'statuses', label: 'Statuses', short: 'statuses' },
  { key: 'replies', json: 'replies', label: 'Replies', short: 'replies' },
  { key: 'mentions', json: 'mentions', label: 'Mentions', short: 'mentions' },
  { key: 'favourites', json: 'favourites', label: 'Favourites', short: 'favs' },
  { key: 'newFollows', json: 'new_follows', label: 'New follows', short: 'follows' },
] as const satisfies ReadonlyArray<{ key: keyof DailyStats; json: string; label: string; short: string }>;
