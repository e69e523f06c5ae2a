import { ForbiddenError, NotFoundError } from '../../errors.ts';
import { isId } from '../../pagination.ts';
import type { Status } from '../../types.ts';
import type { ServiceDeps } from '../deps.ts';
import { cancelMentionEmails } from '../mail/mention-emails.ts';

/** Deletes the actor's own status (and, by cascade, everything hanging off it); returns what was deleted. */
export async function deleteStatus(
  deps: ServiceDeps,
  input: { actorId: string; statusId: string },
): Promise<Status> {
  return deps.uow.transaction(async (tx) => {
    const status = isId(input.statusId) ? await tx.statuses.findById(input.statusId) : null;
    if (!status) throw new NotFoundError();
    if (status.account.id !== input.actorId)
      throw new ForbiddenError('You can only delete your own statuses.');
    await tx.statuses.delete(status.id);
    await cancelMentionEmails(tx, status);
    return status;
  });
}
