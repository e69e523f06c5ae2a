// Filters v2: what a valid filter is, and how one matches a status (as Mastodon's CustomFilter and
// CustomFilterKeyword#to_regex: case-insensitive; a whole-word keyword only on word boundaries, at
// the ends of the keyword that are word characters).
import type { Filter, FilterAction, FilterContext, FilterResult } from '../types/filters.ts';
import type { Status } from '../types/statuses.ts';

export const FILTER_CONTEXTS: readonly FilterContext[] = [
  'home',
  'notifications',
  'public',
  'thread',
  'account',
];
export const FILTER_ACTIONS: readonly FilterAction[] = ['warn', 'hide'];
/** Bounds that keep a person's filters cheap to apply on every read. */
export const FILTER_TITLE_MAX = 256;
export const FILTER_KEYWORD_MAX = 512;
export const FILTER_KEYWORDS_MAX = 100;
/** The longest `expires_in` (seconds): about a hundred years. */
export const FILTER_EXPIRES_IN_MAX = 100 * 365 * 24 * 3600;

export function isFilterContext(value: string): value is FilterContext {
  return (FILTER_CONTEXTS as readonly string[]).includes(value);
}

export function isFilterAction(value: string): value is FilterAction {
  return (FILTER_ACTIONS as readonly string[]).includes(value);
}

/** Whether a filter applies now (an expired filter does nothing). */
export function filterActive(filter: Pick<Filter, 'expiresAt'>, now = new Date()): boolean {
  return filter.expiresAt === null || filter.expiresAt.getTime() > now.getTime();
}

const WORD = '[\\p{L}\\p{M}\\p{N}_]';
// Only the syntax characters: with the `u` flag any other escape is an error.
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The pattern of one keyword (source text, for the `iu` flags). */
export function keywordPattern(keyword: string, wholeWord: boolean): string {
  const body = escape(keyword);
  if (!wholeWord) return body;
  const word = new RegExp(`^${WORD}`, 'u');
  const start = word.test(keyword) ? `(?<!${WORD})` : '';
  const end = new RegExp(`${WORD}$`, 'u').test(keyword) ? `(?!${WORD})` : '';
  return `${start}${body}${end}`;
}

// One union of a filter's keywords, made once per filter object (the cached list hands out the same
// objects until the person's filters change).
const patterns = new WeakMap<Filter, RegExp | null>();
function patternOf(filter: Filter): RegExp | null {
  let re = patterns.get(filter);
  if (re === undefined) {
    re = filter.keywords.length
      ? new RegExp(filter.keywords.map((k) => keywordPattern(k.keyword, k.wholeWord)).join('|'), 'iu')
      : null;
    patterns.set(filter, re);
  }
  return re;
}

/** What filters match in: the content warning, the text and the images' descriptions (Mastodon's searchable_text). */
export function searchableText(status: Status): string {
  return [status.spoilerText, status.text, ...(status.media ?? []).map((m) => m.description ?? '')]
    .filter((t) => t !== '')
    .join('\n\n');
}

/** The results of the given (active, in-context) filters for one status; empty when none matches. */
export function matchFilters(filters: Filter[], status: Status): FilterResult[] {
  let text: string | undefined;
  const results: FilterResult[] = [];
  for (const filter of filters) {
    const re = patternOf(filter);
    let keywordMatches: string[] | null = null;
    if (re) {
      text ??= searchableText(status);
      const match = re.exec(text);
      if (match) keywordMatches = [match[0]];
    }
    const named = filter.statuses.filter((s) => s.statusId === status.id).map((s) => s.statusId);
    const statusMatches = named.length ? named : null;
    if (keywordMatches || statusMatches) results.push({ filter, keywordMatches, statusMatches });
  }
  return results;
}

/** Whether the results leave the status out (any `hide` filter matched). */
export function hiddenBy(results: readonly FilterResult[] | undefined): boolean {
  return results?.some((r) => r.filter.action === 'hide') ?? false;
}
