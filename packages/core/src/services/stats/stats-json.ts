import { DAILY_COUNTS, type DailyStats } from '../../types/stats.ts';

/** One day as the JSON API (and `stats show --json`) present it. */
export interface DailyStatsJson {
  day: string;
  new_accounts: number;
  active_accounts: number;
  statuses: number;
  replies: number;
  mentions: number;
  favourites: number;
  new_follows: number;
  top_hashtags: { name: string; count: number }[];
  computed_at: string;
}

/** The public JSON form of a day: snake_case keys as in the Mastodon API, an ISO computed_at. */
export function dailyStatsJson(s: DailyStats): DailyStatsJson {
  const counts = Object.fromEntries(DAILY_COUNTS.map((c) => [c.json, s[c.key]]));
  return {
    day: s.day,
    ...(counts as Omit<DailyStatsJson, 'day' | 'top_hashtags' | 'computed_at'>),
    top_hashtags: s.topHashtags.map((t) => ({ name: t.name, count: t.count })),
    computed_at: s.computedAt.toISOString(),
  };
}
