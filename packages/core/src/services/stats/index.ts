// The daily statistics area, bound to its dependencies (registered as `stats` in services/index.ts).
import type { ServiceDeps } from '../deps.ts';
import type { DailyStats } from '../../types/stats.ts';
import { backfillDailyStats, computeDailyStats, listDailyStats } from './daily-stats.ts';
import { weeklyActivity } from './weekly-activity.ts';

/** The stats service group: compute, backfill, list, and Mastodon's weekly activity. */
export function statsServices(deps: ServiceDeps) {
  return {
    /** Computes and stores one ended UTC day (YYYY-MM-DD). */
    computeDay: (input: { day: unknown; now?: Date }) => computeDailyStats(deps, input),
    /** Computes every day of an inclusive range (at most 366 days, all ended). */
    backfill: (input: { from: unknown; to: unknown; now?: Date; onDay?: (stats: DailyStats) => void }) =>
      backfillDailyStats(deps, input),
    /** Stored days of a range (default: the last 30 ended days). */
    list: (input: { from?: unknown; to?: unknown; now?: Date }) => listDailyStats(deps, input),
    /** Mastodon's /api/v1/instance/activity: 12 weeks, newest first. */
    weeklyActivity: (input: { now?: Date } = {}) => weeklyActivity(deps, input),
  };
}

export { lastCompleteDay, defaultRange } from './daily-stats.ts';
export { addDays, dayOf, eachDay, MAX_RANGE_DAYS } from './days.ts';
export type { WeeklyActivity } from './weekly-activity.ts';
export { dailyStatsJson, type DailyStatsJson } from './stats-json.ts';
