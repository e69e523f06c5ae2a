// What the daily statistics services need from storage (docs/product.md §3 "Daily statistics").

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

export interface DailyStatsRepository {
  /** Computes every number of the UTC day [day, day+1) from the tables and upserts its row. */
  computeDay(day: string): Promise<DailyStats>;
  /** The stored rows for from..to (inclusive), oldest first; days never computed are absent. */
  list(from: string, to: string): Promise<DailyStats[]>;
}
