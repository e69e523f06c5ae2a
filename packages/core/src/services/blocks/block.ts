import { DomainError } from '../../errors.ts';
import type { PublicAccount, Relationship } from '../../types/accounts.ts';
import type { Entry, PageRequest } from '../../types/common.ts';
import { getAccountById } from '../accounts/get-account.ts';
import { requireActiveActor } from '../accounts/require-actor.ts';
import type { ServiceDeps } from '../deps.ts';
import { relationshipOf } from '../follows/relationships.ts';

export interface BlockInput {
  actorId: string;
  targetId: string;
}

/**
 * Blocks an account, in one transaction, as Mastodon's BlockService does: the follows between the
 * two end both ways (with their follow notifications), and the blocker's notifications from the
 * blocked account and conversations with it go. From then on neither sees the other anywhere
 * (docs/visibility.md). Blocking again changes nothing; blocking yourself is refused.
 */
export async function block(deps: ServiceDeps, input: BlockInput): Promise<Relationship> {
  const actor = await requireActiveActor(deps.uow, input.actorId);
  const target = await getAccountById(deps, input.targetId);
  if (target.id === actor.id) throw new DomainError('cannot_block_self');
  return deps.uow.transaction(async (tx) => {
    await tx.blocks.create(actor.id, target.id);
    for (const [from, to] of [
      [actor.id, target.id],
      [target.id, actor.id],
    ] as const) {
      if (await tx.follows.delete(from, to))
        await tx.notifications.deleteFor({
          accountId: to,
          fromAccountId: from,
          type: 'follow',
          statusId: null,
        });
    }
    await tx.notifications.deleteFrom(actor.id, target.id);
    await tx.conversations.removeWith(actor.id, target.id);
    return relationshipOf(tx, actor.id, target.id);
  });
}

/** Lifts the actor's block of an account; unblocking again changes nothing. Follows do not come back. */
export async function unblock(deps: ServiceDeps, input: BlockInput): Promise<Relationship> {
  const actor = await requireActiveActor(deps.uow, input.actorId);
  const target = await getAccountById(deps, input.targetId);
  return deps.uow.transaction(async (tx) => {
    await tx.blocks.delete(actor.id, target.id);
    return relationshipOf(tx, actor.id, target.id);
  });
}

/** The accounts the actor blocks, newest block first; entry ids are block ids (the pagination cursor). */
export async function listBlocks(
  deps: ServiceDeps,
  input: { actorId: string; page: PageRequest },
): Promise<Entry<PublicAccount>[]> {
  const actor = await requireActiveActor(deps.uow, input.actorId);
  return deps.uow.blocks.list(actor.id, input.page);
}
