import { throwIfInvalid } from '../../errors.ts';
import {
  cleanSearchQuery,
  searchQueryError,
  searchTerms,
  searchTypeError,
  type SearchType,
} from '../../rules/search-rules.ts';
import type { SearchResults } from '../../types/search.ts';
import type { ServiceDeps } from '../deps.ts';

export interface SearchInput {
  q: string;
  /** One kind of result only; all three when absent or empty. */
  type?: string | undefined;
  /** Results per kind; clamped to 1–40 (default 20). */
  limit?: number | undefined;
  /** Results to skip per kind (offset pagination, as Mastodon's v2 search). */
  offset?: number | undefined;
  viewerId?: string | undefined;
  /** Answer a query that cannot be used (blank, too long) with no results instead of an error (the API). */
  emptyWhenInvalid?: boolean | undefined;
}

export const SEARCH_LIMIT_DEFAULT = 20;
export const SEARCH_LIMIT_MAX = 40;
// Deep offsets cost a sort of every match; nobody pages 10,000 results deep.
export const SEARCH_OFFSET_MAX = 10_000;

function clamp(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}

/**
 * Searches accounts (username / display-name prefix), hashtags (prefix) and statuses (full text,
 * ranked). A blank, over-long or ill-typed query is a ValidationError on `q` or `type`; any other
 * text, SQL and HTML metacharacters included, is only ever data.
 */
export async function search(deps: ServiceDeps, input: SearchInput): Promise<SearchResults> {
  const q = cleanSearchQuery(input.q);
  const type = input.type ?? '';
  const problems = { q: searchQueryError(q), type: searchTypeError(type) };
  if (input.emptyWhenInvalid && (problems.q || problems.type))
    return { accounts: [], statuses: [], hashtags: [] };
  throwIfInvalid(problems);
  const page = {
    limit: clamp(input.limit, SEARCH_LIMIT_DEFAULT, 1, SEARCH_LIMIT_MAX),
    offset: clamp(input.offset, 0, 0, SEARCH_OFFSET_MAX),
  };
  const terms = searchTerms(q);
  const wants = (t: SearchType) => type === '' || type === t;
  const { search: repo, tags } = deps.uow;
  const [accounts, hashtags, statuses] = await Promise.all([
    wants('accounts') && terms.account
      ? repo.accounts(terms.account, page, { usernameOnly: terms.usernameOnly, viewerId: input.viewerId })
      : [],
    wants('hashtags') && terms.hashtag ? tags.search(terms.hashtag, page) : [],
    wants('statuses') ? repo.statuses(terms.text, page, input.viewerId) : [],
  ]);
  return { accounts, statuses, hashtags };
}
