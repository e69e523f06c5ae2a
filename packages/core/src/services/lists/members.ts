import { DomainError, ValidationError } from '../../errors.ts';
import { isId } from '../../ids.ts';
import type { PublicAccount } from '../../types/accounts.ts';
import type { Entry, PageRequest } from '../../types/common.ts';
import type { List } from '../../types/lists.ts';
import { requireActiveActor } from '../accounts/require-actor.ts';
import type { ServiceDeps } from '../deps.ts';
import { ownList } from './lists.ts';

interface MembersInput {
  actorId: string;
  listId: string;
  accountIds: string[];
}

/**
 * Adds accounts to the actor's list, all or none, as Mastodon: an account that does not exist, or
 * that the actor does not follow, is `not_found` (Mastodon's Follow.find_by!); one already in the
 * list `Account has already been taken`. The actor may add itself.
 */
export async function addMembers(deps: ServiceDeps, input: MembersInput): Promise<void> {
  const ids = [...new Set(input.accountIds)];
  await deps.uow.transaction(async (tx) => {
    await requireActiveActor(tx, input.actorId);
    const list = await ownList(tx, input.actorId, input.listId);
    if (ids.length === 0) return;
    if (!ids.every(isId)) throw new DomainError('not_found');
    const refusal = await tx.lists.addMembers(list, ids);
    if (!refusal) return;
    if (refusal.refused === 'already_member')
      throw new ValidationError({ account_ids: 'Account has already been taken' });
    throw new DomainError(
      'not_found',
      refusal.refused === 'not_followed' ? 'You can only add accounts you follow.' : undefined,
    );
  });
}

/** Takes accounts out of the actor's list; those not in it are ignored. */
export async function removeMembers(deps: ServiceDeps, input: MembersInput): Promise<void> {
  await deps.uow.transaction(async (tx) => {
    await requireActiveActor(tx, input.actorId);
    const list = await ownList(tx, input.actorId, input.listId);
    const ids = input.accountIds.filter(isId);
    if (ids.length) await tx.lists.removeMembers(list.id, ids);
  });
}

/** The members of the actor's list, paged by account id (`page` null: all, Mastodon's `limit=0`). */
export async function members(
  deps: ServiceDeps,
  input: { actorId: string; listId: string; page: PageRequest | null },
): Promise<Entry<PublicAccount>[]> {
  const list = await ownList(deps.uow, input.actorId, input.listId);
  return deps.uow.lists.members(list.id, input.page);
}

/** The actor's lists that hold an account (`not_found` for an account that is not there). */
export async function listsHolding(
  deps: ServiceDeps,
  input: { actorId: string; accountId: string },
): Promise<List[]> {
  const account = isId(input.accountId) ? await deps.uow.accounts.findById(input.accountId) : null;
  if (!account || account.suspendedAt) throw new DomainError('not_found');
  return deps.uow.lists.holding(input.actorId, account.id);
}
