import { NotFoundError, UnprocessableError } from '../../errors.ts';
import type { Repositories } from '../../ports/repositories.ts';
import type { Relationship } from '../../social-types.ts';
import type { Account } from '../../types.ts';
import { isId } from '../../pagination.ts';
import { requireActiveActor } from '../accounts/require-actor.ts';
import type { ServiceDeps } from '../deps.ts';

export interface FollowInput {
  actorId: string;
  targetId: string;
}

async function findTarget(tx: Repositories, targetId: string): Promise<Account> {
  const target = isId(targetId) ? await tx.accounts.findById(targetId) : null;
  if (!target || target.suspendedAt) throw new NotFoundError();
  return target;
}

/**
 * Follows an account and notifies it, in one transaction; following again changes nothing
 * (no second row, no second notification). Following yourself is refused.
 */
export async function follow(deps: ServiceDeps, input: FollowInput): Promise<Relationship> {
  return deps.uow.transaction(async (tx) => {
    const actor = await requireActiveActor(tx, input.actorId);
    const target = await findTarget(tx, input.targetId);
    if (target.id === actor.id) throw new UnprocessableError('You cannot follow yourself.');
    const { created } = await tx.follows.create(actor.id, target.id);
    if (created) {
      await tx.notifications.create([
        { accountId: target.id, fromAccountId: actor.id, type: 'follow', statusId: null },
      ]);
    }
    return (await tx.follows.relationships(actor.id, [target.id]))[0]!;
  });
}

/** Stops following an account and removes the follow notification; unfollowing again changes nothing. */
export async function unfollow(deps: ServiceDeps, input: FollowInput): Promise<Relationship> {
  return deps.uow.transaction(async (tx) => {
    const actor = await requireActiveActor(tx, input.actorId);
    const target = await findTarget(tx, input.targetId);
    if (await tx.follows.delete(actor.id, target.id)) {
      await tx.notifications.deleteFor({
        accountId: target.id,
        fromAccountId: actor.id,
        type: 'follow',
        statusId: null,
      });
    }
    return (await tx.follows.relationships(actor.id, [target.id]))[0]!;
  });
}
