// Mute durations (Mastodon's `duration`: seconds, 0 for a mute without end).

/** The longest mute with an end: about 68 years (Mastodon stores any; a bound keeps dates sane). */
export const MUTE_DURATION_MAX = 2_147_483_647;

/** The choices the website offers, as Mastodon's web app does (seconds; 0 for ever). */
export const MUTE_DURATIONS: ReadonlyArray<[number, string]> = [
  [0, 'Indefinitely'],
  [300, '5 minutes'],
  [1800, '30 minutes'],
  [3600, '1 hour'],
  [21600, '6 hours'],
  [86400, '1 day'],
  [259200, '3 days'],
  [604800, '7 days'],
];

/**
 * A duration in whole seconds from what a client sent (a number or a string of digits; absent or
 * empty is 0), or an error message.
 */
export function parseMuteDuration(value: unknown): { seconds: number } | { error: string } {
  if (value === undefined || value === null || value === '') return { seconds: 0 };
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\s*\d+\s*$/.test(value)
        ? Number(value)
        : NaN;
  if (!Number.isInteger(n) || n < 0 || n > MUTE_DURATION_MAX)
    return { error: `Duration must be a whole number of seconds from 0 (no end) to ${MUTE_DURATION_MAX}.` };
  return { seconds: n };
}
