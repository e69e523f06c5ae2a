// Search: accounts, hashtags and statuses.
import type { ServiceDeps } from '../deps.ts';
import { search, type SearchInput } from './search.ts';

export function searchServices(deps: ServiceDeps) {
  return {
    /** Accounts, hashtags and statuses matching q (website /search, API v2 search). */
    search: (input: SearchInput) => search(deps, input),
  };
}
