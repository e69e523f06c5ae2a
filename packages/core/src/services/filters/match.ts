import { filterActive, matchFilters } from '../../rules/filter-rules.ts';
import type { FilterContext, FilterResult } from '../../types/filters.ts';
import type { Status } from '../../types/statuses.ts';
import type { ServiceDeps } from '../deps.ts';

export interface MatchInput {
  /** Whose filters; nobody logged in has none. */
  viewerId: string | null | undefined;
  /** Where the statuses are shown. */
  context: FilterContext;
  statuses: Iterable<Status>;
}

/**
 * The viewer's filters that apply in the context (active now) matched against the statuses: the
 * results of each status that matched any, by status id. Read per viewer (its own cache key), and
 * never stored on a status: a status object is shared by every viewer who reads it.
 */
export async function matchStatuses(
  deps: ServiceDeps,
  input: MatchInput,
): Promise<Map<string, FilterResult[]>> {
  const results = new Map<string, FilterResult[]>();
  if (!input.viewerId) return results;
  const now = new Date();
  const filters = (await deps.uow.filters.active(input.viewerId)).filter(
    (f) => f.context.includes(input.context) && filterActive(f, now),
  );
  if (filters.length === 0) return results;
  for (const status of input.statuses) {
    if (results.has(status.id)) continue;
    const matched = matchFilters(filters, status);
    if (matched.length) results.set(status.id, matched);
  }
  return results;
}
