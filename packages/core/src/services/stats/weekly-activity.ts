// Mastodon's GET /api/v1/instance/activity, built from the daily_stats table.
import type { DailyStats } from '../../types/stats.ts';
import type { ServiceDeps } from '../deps.ts';
import { addDays, dayOf } from './days.ts';

/** One week as Mastodon reports it: every value a string, week as unix seconds of its Monday 00:00 UTC. */
export interface WeeklyActivity {
  week: string;
  statuses: string;
  logins: string;
  registrations: string;
}

/** The Monday (UTC) of the week a day falls in. */
export function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/**
 * The last 12 weeks, newest (the current, partial one) first, as Mastodon returns them.
 * statuses and registrations are sums of the stored days. We keep no log-in records, so logins is
 * the most accounts that posted on any one day of the week: a lower bound of the accounts active
 * that week. Days not computed yet (today, at least) count as zero.
 */
export async function weeklyActivity(
  deps: ServiceDeps,
  input: { now?: Date } = {},
): Promise<WeeklyActivity[]> {
  const thisMonday = mondayOf(dayOf(input.now ?? new Date()));
  const firstMonday = addDays(thisMonday, -7 * 11);
  const rows = await deps.uow.stats.list(firstMonday, addDays(thisMonday, 6));
  const byWeek = new Map<string, DailyStats[]>();
  for (const row of rows) {
    const monday = mondayOf(row.day);
    byWeek.set(monday, [...(byWeek.get(monday) ?? []), row]);
  }
  const weeks: WeeklyActivity[] = [];
  for (let i = 0; i < 12; i++) {
    const monday = addDays(thisMonday, -7 * i);
    const days = byWeek.get(monday) ?? [];
    const sum = (pick: (d: DailyStats) => number) => days.reduce((n, d) => n + pick(d), 0);
    weeks.push({
      week: String(Date.parse(`${monday}T00:00:00Z`) / 1000),
      statuses: String(sum((d) => d.statuses)),
      logins: String(Math.max(0, ...days.map((d) => d.activeAccounts))),
      registrations: String(sum((d) => d.newAccounts)),
    });
  }
  return weeks;
}
