import { isId } from '../../ids.ts';
import type { PublicAccount, Relationship } from '../../types/accounts.ts';
import type { Entry, PageRequest } from '../../types/common.ts';
import { getAccountById } from '../accounts/get-account.ts';
import type { ServiceDeps } from '../deps.ts';
import { blockedBetween, relationshipsOf } from './relationships.ts';

export interface FollowListInput {
  accountId: string;
  page: PageRequest;
  /** Who is looking: a block between them and the account empties its lists, as on Mastodon. */
  viewerId?: string | undefined;
}

async function followList(
  deps: ServiceDeps,
  input: FollowListInput,
  list: 'following' | 'followers',
): Promise<Entry<PublicAccount>[]> {
  const account = await getAccountById(deps, input.accountId);
  const { viewerId } = input;
  if (viewerId && viewerId !== account.id && (await blockedBetween(deps.uow, viewerId, account.id)))
    return [];
  return deps.uow.follows[list](account.id, input.page, viewerId);
}

/** Accounts that the account follows; entry ids are follow ids (the pagination cursor). */
export const following = (deps: ServiceDeps, input: FollowListInput) => followList(deps, input, 'following');

/** Accounts following the account; entry ids are follow ids (the pagination cursor). */
export const followers = (deps: ServiceDeps, input: FollowListInput) => followList(deps, input, 'followers');

/** The viewer's relationship to each target id; malformed ids are skipped, unknown ones read as false. */
export async function relationships(
  deps: ServiceDeps,
  input: { actorId: string; targetIds: string[] },
): Promise<Relationship[]> {
  const ids = [...new Set(input.targetIds.filter(isId))].slice(0, 100);
  return relationshipsOf(deps.uow, input.actorId, ids);
}
