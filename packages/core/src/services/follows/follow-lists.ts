import { NotFoundError } from '../../errors.ts';
import type { AccountCounts, AccountWithCounts, Entry, Relationship } from '../../social-types.ts';
import type { PageRequest, PublicAccount } from '../../types.ts';
import { getAccountById } from '../accounts/get-account.ts';
import { isId } from '../../pagination.ts';
import type { ServiceDeps } from '../deps.ts';

/** Accounts that the account follows; entry ids are follow ids (the pagination cursor). */
export async function following(
  deps: ServiceDeps,
  input: { accountId: string; page: PageRequest },
): Promise<Entry<PublicAccount>[]> {
  const account = await getAccountById(deps, input.accountId);
  return deps.uow.follows.following(account.id, input.page);
}

/** Accounts following the account; entry ids are follow ids (the pagination cursor). */
export async function followers(
  deps: ServiceDeps,
  input: { accountId: string; page: PageRequest },
): Promise<Entry<PublicAccount>[]> {
  const account = await getAccountById(deps, input.accountId);
  return deps.uow.follows.followers(account.id, input.page);
}

/** The viewer's relationship to each target id; malformed ids are skipped, unknown ones read as false. */
export async function relationships(
  deps: ServiceDeps,
  input: { actorId: string; targetIds: string[] },
): Promise<Relationship[]> {
  const ids = [...new Set(input.targetIds.filter(isId))].slice(0, 100);
  return ids.length ? deps.uow.follows.relationships(input.actorId, ids) : [];
}

/** Status, follower and following counts of each account id. */
export async function accountCounts(
  deps: ServiceDeps,
  accountIds: string[],
): Promise<Map<string, AccountCounts>> {
  const ids = [...new Set(accountIds.filter(isId))];
  return ids.length ? deps.uow.follows.counts(ids) : new Map();
}

/** An account (not suspended) by username with its counts, as its profile shows it. */
export async function profile(deps: ServiceDeps, username: string): Promise<AccountWithCounts> {
  const account = await deps.uow.accounts.findByUsername(username);
  if (!account || account.suspendedAt) throw new NotFoundError();
  const counts = (await deps.uow.follows.counts([account.id])).get(account.id)!;
  return {
    id: account.id,
    username: account.username,
    displayName: account.displayName,
    bio: account.bio,
    bioHtml: account.bioHtml,
    createdAt: account.createdAt,
    ...counts,
  };
}
