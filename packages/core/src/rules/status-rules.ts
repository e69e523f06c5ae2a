// Status rules of docs/product.md §3.

export const STATUS_MAX = 500;
/**
 * Who may see a status (Mastodon's visibilities): `public` everyone, everywhere; `unlisted` everyone,
 * but not on the public and hashtag timelines; `private` the author's followers and the accounts it
 * mentions; `direct` the accounts it mentions. The rule itself is rules/visibility-rules.ts.
 */
export const VISIBILITIES = ['public', 'unlisted', 'private', 'direct'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** Counts Unicode code points, as docs/product.md §3 measures status length. */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

// Characters that show nothing on their own: format characters (zero-width, direction marks),
// combining marks, separators and whitespace, the Hangul fillers and the braille blank.
const INVISIBLE = /[\p{Cf}\p{M}\p{Z}\s\u115F\u1160\u3164\uFFA0\u2800]/gu;

/** True when a text has at least one character a reader can see. */
export function hasVisibleText(text: string): boolean {
  return text.replace(INVISIBLE, '').length > 0;
}

/**
 * Returns the error message for a status text (after trimming), or undefined when it is valid. A
 * status with media may have no text (as on Mastodon).
 */
export function statusTextError(text: string, options: { withMedia?: boolean } = {}): string | undefined {
  const length = codePointLength(text.trim());
  if (length === 0 && options.withMedia) return undefined;
  if (length === 0 || !hasVisibleText(text)) return "Text can't be blank.";
  // PostgreSQL cannot store a NUL byte; nobody types one on purpose.
  if (text.includes('\0')) return 'Text contains a character that is not allowed (NUL).';
  if (length > STATUS_MAX) return `Text is too long (${length} characters; the maximum is ${STATUS_MAX}).`;
  return undefined;
}

/** Returns the error message for a content warning on its own, or undefined when it is valid. */
export function contentWarningError(spoilerText: string): string | undefined {
  return spoilerText.includes('\0')
    ? 'Content warning contains a character that is not allowed (NUL).'
    : undefined;
}

/**
 * Returns the error message for a status text too long with its content warning (both trimmed), or
 * undefined. As Mastodon counts them, the warning and the text share the 500.
 */
export function withWarningLengthError(text: string, spoilerText: string): string | undefined {
  const length = codePointLength(spoilerText.trim()) + codePointLength(text.trim());
  if (length > STATUS_MAX)
    return `Text is too long with its content warning (${length} characters; the maximum is ${STATUS_MAX}).`;
  return undefined;
}

/** Returns the error message for a visibility, or undefined when it is supported. */
export function visibilityError(visibility: string): string | undefined {
  return (VISIBILITIES as readonly string[]).includes(visibility)
    ? undefined
    : `Visibility must be one of: ${VISIBILITIES.join(', ')}.`;
}
