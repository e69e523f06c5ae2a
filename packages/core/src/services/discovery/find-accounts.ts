import { DomainError } from '../../errors.ts';
import { isId } from '../../ids.ts';
import { cleanSearchQuery, searchTerms } from '../../rules/search-rules.ts';
import type { PublicAccount } from '../../types/accounts.ts';
import type { FamiliarFollowers, Suggestion } from '../../types/discovery.ts';
import { requireActiveActor } from '../accounts/require-actor.ts';
import type { ServiceDeps } from '../deps.ts';

/** Mastodon's account lists: 40 by default, at most 80. */
export const ACCOUNTS_LIMIT_DEFAULT = 40;
export const ACCOUNTS_LIMIT_MAX = 80;
// Deep offsets cost a sort of every match; nobody pages 10,000 accounts deep.
const OFFSET_MAX = 10_000;

/** A limit as Mastodon reads it: default when absent, clamped to 1…max. */
export function accountsLimit(value: number | undefined, max = ACCOUNTS_LIMIT_MAX): number {
  if (value === undefined || !Number.isFinite(value)) return ACCOUNTS_LIMIT_DEFAULT;
  return Math.min(max, Math.max(1, Math.trunc(value)));
}

const offsetOf = (value: number | undefined) =>
  value === undefined || !Number.isFinite(value) ? 0 : Math.min(OFFSET_MAX, Math.max(0, Math.trunc(value)));

export interface SearchAccountsInput {
  actorId: string;
  q: string;
  /** Only accounts the actor follows (and the actor). */
  following?: boolean | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

/**
 * Accounts by username or display-name prefix (Mastodon's GET /api/v1/accounts/search). "@name",
 * "name" and "name@this-site" name local accounts; another domain finds nothing (no federation);
 * a blank query finds nothing, as on Mastodon.
 */
export async function searchAccounts(
  deps: ServiceDeps,
  input: SearchAccountsInput,
): Promise<PublicAccount[]> {
  const cleaned = cleanSearchQuery(input.q);
  let q = cleaned.replace(/^@/, '');
  const at = q.indexOf('@');
  if (at >= 0) {
    if (q.slice(at + 1).toLowerCase() !== new URL(deps.baseUrl).host.toLowerCase()) return [];
    q = q.slice(0, at);
  }
  // "@name" and "name@here" are usernames; a bare word is a username or a display name.
  if (cleaned.startsWith('@') || at >= 0) q = `@${q}`;
  const terms = searchTerms(q);
  if (!q || !terms.account) return [];
  return deps.uow.accountDiscovery.search(
    terms.account,
    { limit: accountsLimit(input.limit), offset: offsetOf(input.offset) },
    { followedBy: input.following ? input.actorId : undefined, usernameOnly: terms.usernameOnly },
  );
}

export const DIRECTORY_ORDERS = ['active', 'new'] as const;

/** The profile directory (Mastodon's GET /api/v1/directory): every active account here is listed. */
export async function directory(
  deps: ServiceDeps,
  input: { order?: string | undefined; limit?: number | undefined; offset?: number | undefined },
): Promise<PublicAccount[]> {
  // Mastodon orders by activity unless `new` is asked for; anything else is the default too.
  const order = input.order === 'new' ? 'new' : 'active';
  return deps.uow.accountDiscovery.directory(order, {
    limit: accountsLimit(input.limit),
    offset: offsetOf(input.offset),
  });
}

/** Who to follow, best first (see AccountDiscoveryRepository.suggestions for the sources). */
export async function suggestions(
  deps: ServiceDeps,
  input: { actorId: string; limit?: number | undefined },
): Promise<Suggestion[]> {
  return deps.uow.accountDiscovery.suggestions(input.actorId, accountsLimit(input.limit));
}

/**
 * Stops suggesting an account to the actor. Like Mastodon, it answers the same whether or not the
 * id names an account that was suggested; an id of no account writes nothing.
 */
export async function dismissSuggestion(
  deps: ServiceDeps,
  input: { actorId: string; accountId: string },
): Promise<void> {
  await deps.uow.transaction(async (tx) => {
    await requireActiveActor(tx, input.actorId);
    if (!isId(input.accountId) || input.accountId === input.actorId) return;
    if (!(await tx.accounts.findById(input.accountId))) return;
    await tx.accountDiscovery.dismissSuggestion(input.actorId, input.accountId);
  });
}

/** How many accounts familiar_followers answers for, and how many followers of each. */
export const FAMILIAR_IDS_MAX = 40;
export const FAMILIAR_ACCOUNTS_MAX = 80;

/**
 * For each account asked about (in the order asked, each once), the accounts the actor follows that
 * follow it. Ids that cannot name an account are left out.
 */
export async function familiarFollowers(
  deps: ServiceDeps,
  input: { actorId: string; ids: string[] },
): Promise<FamiliarFollowers[]> {
  const ids = [...new Set(input.ids.filter(isId))].slice(0, FAMILIAR_IDS_MAX);
  if (ids.length === 0) return [];
  const found = await deps.uow.accountDiscovery.familiarFollowers(input.actorId, ids, FAMILIAR_ACCOUNTS_MAX);
  return ids.map((id) => ({ id, accounts: found.get(id) ?? [] }));
}

/** An active account by id, or not_found. */
async function requireAccount(deps: ServiceDeps, id: string): Promise<void> {
  const account = isId(id) ? await deps.uow.accounts.findById(id) : null;
  if (!account || account.suspendedAt) throw new DomainError('not_found');
}

/** An account's featured hashtags: featuring is not built, so none (for an account that exists). */
export async function featuredTags(deps: ServiceDeps, accountId: string): Promise<never[]> {
  await requireAccount(deps, accountId);
  return [];
}
