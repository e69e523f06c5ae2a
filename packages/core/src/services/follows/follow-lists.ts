import { isId } from '../../ids.ts';
import type { PublicAccount, Relationship } from '../../types/accounts.ts';
import type { Entry, PageRequest } from '../../types/common.ts';
import { getAccountById } from '../accounts/get-account.ts';
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
