import { DomainError } from '../../errors.ts';
import type { Relationship } from '../../types/accounts.ts';
import { requireActiveActor } from '../accounts/require-actor.ts';
import { getAccountById } from '../accounts/get-account.ts';
import type { ServiceDeps } from '../deps.ts';
import { blockedBetween, relationshipOf } from './relationships.ts';

export interface FollowInput {
  actorId: string;
  targetId: string;
  /** Show their boosts in the home timeline (Mastodon's `reblogs`); undefined keeps it (new follows: true). */
  reblogs?: boolean | undefined;
}

/**
 * Follows an account and notifies it, in one transaction; following again changes nothing
 * (no second row, no second notification). Following yourself is refused, and so is following
 * while a block stands between the two (Mastodon's "This action is not allowed").
 */
export async function follow(deps: ServiceDeps, input: FollowInput): Promise<Relationship> {
  // Read through the cache before the transaction; an account deleted meanwhile makes the write refuse.
  const actor = await requireActiveActor(deps.uow, input.actorId);
  const target = await getAccountById(deps, input.targetId);
  if (target.id === actor.id) throw new DomainError('cannot_follow_self');
  if (await blockedBetween(deps.uow, actor.id, target.id)) throw new DomainError('blocked');
  return deps.uow.transaction(async (tx) => {
    const { created } = await tx.follows.create(actor.id, target.id);
    if (input.reblogs !== undefined) await tx.follows.showReblogs(actor.id, target.id, input.reblogs);
    if (created) {
      await tx.notifications.create([
        { accountId: target.id, fromAccountId: actor.id, type: 'follow', statusId: null },
      ]);
    }
    return relationshipOf(tx, actor.id, target.id);
  });
}

/** Stops following an account and removes the follow notification; unfollowing again changes nothing. */
export async function unfollow(deps: ServiceDeps, input: FollowInput): Promise<Relationship> {
  const actor = await requireActiveActor(deps.uow, input.actorId);
  const target = await getAccountById(deps, input.targetId);
  return deps.uow.transaction(async (tx) => {
    if (await tx.follows.delete(actor.id, target.id)) {
      await tx.notifications.deleteFor({
        accountId: target.id,
        fromAccountId: actor.id,
        type: 'follow',
        statusId: null,
      });
    }
    return relationshipOf(tx, actor.id, target.id);
  });
}
