// Finding accounts: search, the directory, follow suggestions, familiar followers, and the
// per-account lists that are empty until their features exist (featured tags, lists).
import type { ServiceDeps } from '../deps.ts';
import {
  directory,
  dismissSuggestion,
  familiarFollowers,
  featuredTags,
  searchAccounts,
  suggestions,
  type SearchAccountsInput,
} from './find-accounts.ts';

export function discoveryServices(deps: ServiceDeps) {
  return {
    searchAccounts: (input: SearchAccountsInput) => searchAccounts(deps, input),
    directory: (input: {
      order?: string | undefined;
      limit?: number | undefined;
      offset?: number | undefined;
    }) => directory(deps, input),
    suggestions: (input: { actorId: string; limit?: number | undefined }) => suggestions(deps, input),
    dismissSuggestion: (input: { actorId: string; accountId: string }) => dismissSuggestion(deps, input),
    familiarFollowers: (input: { actorId: string; ids: string[] }) => familiarFollowers(deps, input),
    featuredTags: (accountId: string) => featuredTags(deps, accountId),
  };
}
