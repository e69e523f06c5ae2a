// Rules for hashtag pages and search queries (docs/product.md §3–§4): what is accepted, the exact messages.
import { codePointLength } from './status-rules.ts';
import { HASHTAG_MAX, normalizeTag } from '../text/tokenize.ts';

/** The longest search query or hashtag path accepted, in code points. */
export const QUERY_MAX = 500;
export const SEARCH_TYPES = ['accounts', 'statuses', 'hashtags'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

// The same shape the tokenizer links: letters, digits and underscores, with at least one non-digit.
const TAG = /^[\p{L}\p{N}_]*[\p{L}_][\p{L}\p{N}_]*$/u;
const TAG_PREFIX = /^[\p{L}\p{N}_]+$/u;
const USERNAME_PREFIX = /^[A-Za-z0-9_]{1,30}$/;

/** Returns why a hashtag (as typed in a URL, with or without "#") is not valid, or undefined. */
export function tagError(tag: string): string | undefined {
  const name = tag.replace(/^#/, '');
  if (name.length === 0) return 'Enter a hashtag.';
  const length = codePointLength(name);
  if (length > HASHTAG_MAX) return `Hashtags are at most ${HASHTAG_MAX} characters long.`;
  if (!TAG.test(name))
    return 'Hashtags are made of letters, digits and underscores, with at least one letter.';
  return undefined;
}

/** The stored form of a valid hashtag typed with or without "#". */
export function tagName(tag: string): string {
  return normalizeTag(tag.replace(/^#/, ''));
}

/** Cleans a search query: NFKC, control characters to spaces, whitespace collapsed and trimmed. */
export function cleanSearchQuery(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Returns why a cleaned search query cannot be run, or undefined. */
export function searchQueryError(q: string): string | undefined {
  if (q.length === 0) return 'Enter something to search for.';
  const length = codePointLength(q);
  if (length > QUERY_MAX) return `Search is too long (${length} characters; the maximum is ${QUERY_MAX}).`;
  return undefined;
}

/** Returns why a search type is not supported, or undefined (an empty type means all of them). */
export function searchTypeError(type: string): string | undefined {
  return type === '' || (SEARCH_TYPES as readonly string[]).includes(type)
    ? undefined
    : `Type must be one of: ${SEARCH_TYPES.join(', ')}.`;
}

/** What one cleaned query looks for in each kind of result. */
export interface SearchTerms {
  /** Username / display-name prefix, without "@"; null when the query cannot name an account. */
  account: string | null;
  /** True for "@name": match usernames only, not display names. */
  usernameOnly: boolean;
  /** Normalized hashtag prefix, without "#"; null when the query cannot be a hashtag. */
  hashtag: string | null;
  /** Text for websearch_to_tsquery: quotes, OR and -word work as on web search engines. */
  text: string;
}

/**
 * Splits a cleaned query into what each search looks for: "@ali" names accounts only by username,
 * "#cof" is a hashtag prefix, anything else is matched against names, tags and status text.
 */
export function searchTerms(q: string): SearchTerms {
  if (q.startsWith('@')) {
    const username = q.slice(1).split('@')[0]!;
    const account = USERNAME_PREFIX.test(username) ? username : null;
    return { account, usernameOnly: true, hashtag: null, text: q };
  }
  const tag = q.replace(/^#/, '');
  return {
    account: q.startsWith('#') ? null : q,
    usernameOnly: false,
    hashtag: TAG_PREFIX.test(tag) ? normalizeTag(tag) : null,
    text: q,
  };
}
