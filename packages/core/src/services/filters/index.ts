// Filters v2: the person's filters, keywords and status filters, and matching them to statuses.
import type { ServiceDeps } from '../deps.ts';
import type { FilterInput } from './filter-input.ts';
import {
  addKeyword,
  addStatusFilter,
  createFilter,
  getFilter,
  getKeyword,
  getStatusFilter,
  listFilters,
  listKeywords,
  listStatusFilters,
  removeFilter,
  removeKeyword,
  removeStatusFilter,
  updateFilter,
  updateKeyword,
  type FilterRef,
  type KeywordInput,
} from './filters.ts';
import { matchStatuses, type MatchInput } from './match.ts';

export type { FilterInput, KeywordAttributes } from './filter-input.ts';
export type { KeywordInput } from './filters.ts';

export function filterServices(deps: ServiceDeps) {
  return {
    list: (input: { actorId: string }) => listFilters(deps, input),
    get: (input: FilterRef) => getFilter(deps, input),
    create: (input: FilterInput & { actorId: string }) => createFilter(deps, input),
    update: (input: FilterInput & FilterRef) => updateFilter(deps, input),
    remove: (input: FilterRef) => removeFilter(deps, input),
    keywords: (input: FilterRef) => listKeywords(deps, input),
    keyword: (input: FilterRef) => getKeyword(deps, input),
    addKeyword: (input: KeywordInput & { actorId: string; filterId: string }) => addKeyword(deps, input),
    updateKeyword: (input: KeywordInput & FilterRef) => updateKeyword(deps, input),
    removeKeyword: (input: FilterRef) => removeKeyword(deps, input),
    statuses: (input: FilterRef) => listStatusFilters(deps, input),
    status: (input: FilterRef) => getStatusFilter(deps, input),
    addStatus: (input: { actorId: string; filterId: string; statusId?: string | undefined }) =>
      addStatusFilter(deps, input),
    removeStatus: (input: FilterRef) => removeStatusFilter(deps, input),
    /** The viewer's filter results for statuses shown in a context (docs/api.md "Filters"). */
    match: (input: MatchInput) => matchStatuses(deps, input),
  };
}
