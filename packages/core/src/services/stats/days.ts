// Calendar days as YYYY-MM-DD strings in UTC: the unit of daily statistics.
import { ValidationError } from '../../errors.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MS_PER_DAY = 86_400_000;

/** The longest range one request may ask for (a year, leap day included). */
export const MAX_RANGE_DAYS = 366;

/** The UTC day a moment falls on. */
export function dayOf(moment: Date): string {
  return moment.toISOString().slice(0, 10);
}

/** The day n days after (or before, for negative n) the given day. */
export function addDays(day: string, n: number): string {
  return dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + n * MS_PER_DAY));
}

/** Whole days from a to b (b - a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / MS_PER_DAY);
}

/** Every day from..to inclusive, oldest first. */
export function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return days;
}

/** An error message when value is not a real calendar day written YYYY-MM-DD (from 1970 on), else undefined. */
export function dayProblem(name: string, value: unknown): string | undefined {
  if (typeof value !== 'string' || !DAY.test(value)) return `${name} must be a date written YYYY-MM-DD.`;
  const ms = Date.parse(`${value}T00:00:00Z`);
  if (Number.isNaN(ms) || dayOf(new Date(ms)) !== value) return `${name} is not a valid date: ${value}.`;
  if (value < '1970-01-01') return `${name} must be 1970-01-01 or later.`;
  return undefined;
}

/**
 * Validates an inclusive range of days given by a person or a client; missing ends take the defaults.
 * Throws a ValidationError naming the field at fault.
 */
export function parseDayRange(
  input: { from?: unknown; to?: unknown },
  defaults: { from: string; to: string },
  options: { latest?: string; latestMessage?: string } = {},
): { from: string; to: string } {
  const from = input.from === undefined || input.from === '' ? defaults.from : input.from;
  const to = input.to === undefined || input.to === '' ? defaults.to : input.to;
  const fromProblem = dayProblem('from', from);
  const toProblem = dayProblem('to', to);
  if (fromProblem || toProblem) {
    throw new ValidationError(
      Object.fromEntries(
        [
          ['from', fromProblem],
          ['to', toProblem],
        ].filter(([, m]) => m),
      ),
    );
  }
  const range = { from: from as string, to: to as string };
  if (range.from > range.to) throw new ValidationError({ from: 'from must not be after to.' });
  if (daysBetween(range.from, range.to) + 1 > MAX_RANGE_DAYS)
    throw new ValidationError({ to: `The range may cover at most ${MAX_RANGE_DAYS} days.` });
  if (options.latest && range.to > options.latest)
    throw new ValidationError({
      to: options.latestMessage ?? `to must be ${options.latest} or earlier.`,
    });
  return range;
}
