import type { Status } from '../../types/statuses.ts';
import { requireActiveActor } from '../accounts/require-actor.ts';
import type { ServiceDeps } from '../deps.ts';
import { cancelMentionEmails } from '../mail/mention-emails.ts';
import { findOwnStatus } from './get-status.ts';

/** Deletes the actor's own status (and, by cascade, everything hanging off it); returns what was deleted. */
export async function deleteStatus(
  deps: ServiceDeps,
  input: { actorId: string; statusId: string },
): Promise<Status> {
  return deps.uow.transaction(async (tx) => {
    const actor = await requireActiveActor(tx, input.actorId);
    const status = await findOwnStatus(tx, input.statusId, actor.id, 'delete');
    await tx.statuses.delete(status.id);
    await cancelMentionEmails(tx, status);
    return status;
  });
}
