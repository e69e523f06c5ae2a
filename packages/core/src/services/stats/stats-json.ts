import type { DailyStats } from '../../types/stats.ts';

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
  return {
    day: s.day,
    new_accounts: s.newAccounts,
    active_accounts: s.activeAccounts,
    statuses: s.statuses,
    replies: s.replies,
    mentions: s.mentions,
    favourites: s.favourites,
    new_follows: s.newFollows,
    top_hashtags: s.topHashtags.map((t) => ({ name: t.name, count: t.count })),
    computed_at: s.computedAt.toISOString(),
  };
}
