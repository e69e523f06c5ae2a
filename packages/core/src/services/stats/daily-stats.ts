// Daily statistics (docs/product.md §3, §6): compute a UTC day, backfill a range, list stored days.
import { ValidationError } from '../../errors.ts';
import type { DailyStats } from '../../types/stats.ts';
import type { ServiceDeps } from '../deps.ts';
import { addDays, dayOf, dayProblem, parseDayRange } from './days.ts';

/** The last day that has ended, in UTC: yesterday. */
export function lastCompleteDay(now: Date = new Date()): string {
  return addDays(dayOf(now), -1);
}

const unfinished = (now: Date) =>
  `Only days that have ended can be computed: ${lastCompleteDay(now)} is the latest (UTC).`;

/** Computes and stores the numbers of one UTC day that has ended; running it again gives the same row. */
export async function computeDailyStats(
  deps: ServiceDeps,
  input: { day: unknown; now?: Date },
): Promise<DailyStats> {
  const now = input.now ?? new Date();
  const problem = dayProblem('day', input.day);
  if (problem) throw new ValidationError({ day: problem });
  const day = input.day as string;
  if (day > lastCompleteDay(now)) throw new ValidationError({ day: unfinished(now) });
  return deps.uow.stats.computeDay(day);
}

/** Computes every day from..to (inclusive, at most 366 days, all ended), oldest first. */
export async function backfillDailyStats(
  deps: ServiceDeps,
  input: { from: unknown; to: unknown; now?: Date; onDay?: (stats: DailyStats) => void },
): Promise<DailyStats[]> {
  const now = input.now ?? new Date();
  if (input.from === undefined || input.from === '') throw new ValidationError({ from: 'from is required.' });
  if (input.to === undefined || input.to === '') throw new ValidationError({ to: 'to is required.' });
  const { from, to } = parseDayRange(
    input,
    { from: '', to: '' },
    {
      latest: lastCompleteDay(now),
      latestMessage: unfinished(now),
    },
  );
  const done: DailyStats[] = [];
  // One day per statement, in order: each is its own small transaction, so a long backfill
  // holds no lock for long and an interrupted one keeps the days it finished.
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const stats = await deps.uow.stats.computeDay(day);
    input.onDay?.(stats);
    done.push(stats);
  }
  return done;
}

/** The range a listing covers when none is given: the 30 days that ended last. */
export function defaultRange(now: Date = new Date()): { from: string; to: string } {
  const to = lastCompleteDay(now);
  return { from: addDays(to, -29), to };
}

/**
 * The stored days from..to (inclusive, at most 366 days), oldest first, with the range actually
 * used. `to` defaults to yesterday and `from` to 29 days before `to` (30 days). Days never
 * computed are absent.
 */
export async function listDailyStats(
  deps: ServiceDeps,
  input: { from?: unknown; to?: unknown; now?: Date },
): Promise<{ from: string; to: string; days: DailyStats[] }> {
  const defaults = defaultRange(input.now);
  // A valid `to` alone moves the whole 30-day window; an invalid one is reported by parseDayRange.
  if (typeof input.to === 'string' && input.to !== '' && !dayProblem('to', input.to))
    defaults.from = addDays(input.to, -29);
  const range = parseDayRange(input, defaults);
  return { ...range, days: await deps.uow.stats.list(range.from, range.to) };
}
