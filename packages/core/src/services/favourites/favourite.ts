import { NotFoundError } from '../../errors.ts';
import type { Repositories } from '../../ports/repositories.ts';
import type { Entry } from '../../social-types.ts';
import type { PageRequest, PublicAccount, Status } from '../../types.ts';
import { isId } from '../../pagination.ts';
import { requireActiveActor } from '../accounts/require-actor.ts';
import type { ServiceDeps } from '../deps.ts';

export interface FavouriteInput {
  actorId: string;
  statusId: string;
}

async function findStatus(tx: Repositories, statusId: string, viewerId: string): Promise<Status> {
  const status = isId(statusId) ? await tx.statuses.findById(statusId, viewerId) : null;
  if (!status) throw new NotFoundError();
  return status;
}

/**
 * Favourites a status and notifies its author (not for your own status), in one transaction;
 * favouriting again changes nothing. Returns the status as the actor now sees it.
 */
export async function favourite(deps: ServiceDeps, input: FavouriteInput): Promise<Status> {
  return deps.uow.transaction(async (tx) => {
    const actor = await requireActiveActor(tx, input.actorId);
    const status = await findStatus(tx, input.statusId, actor.id);
    const { created } = await tx.favourites.create(actor.id, status.id);
    if (created && status.account.id !== actor.id) {
      await tx.notifications.create([
        { accountId: status.account.id, fromAccountId: actor.id, type: 'favourite', statusId: status.id },
      ]);
    }
    return (await tx.statuses.findById(status.id, actor.id))!;
  });
}

/** Removes the actor's favourite and the notification it caused; unfavouriting again changes nothing. */
export async function unfavourite(deps: ServiceDeps, input: FavouriteInput): Promise<Status> {
  return deps.uow.transaction(async (tx) => {
    const actor = await requireActiveActor(tx, input.actorId);
    const status = await findStatus(tx, input.statusId, actor.id);
    if (await tx.favourites.delete(actor.id, status.id)) {
      await tx.notifications.deleteFor({
        accountId: status.account.id,
        fromAccountId: actor.id,
        type: 'favourite',
        statusId: status.id,
      });
    }
    return (await tx.statuses.findById(status.id, actor.id))!;
  });
}

/** Who favourited a visible status; entry ids are favourite ids (the pagination cursor). */
export async function favouritedBy(
  deps: ServiceDeps,
  input: { statusId: string; page: PageRequest },
): Promise<Entry<PublicAccount>[]> {
  const status = isId(input.statusId) ? await deps.uow.statuses.findById(input.statusId) : null;
  if (!status) throw new NotFoundError();
  return deps.uow.favourites.favouritedBy(status.id, input.page);
}

/** The statuses the actor favourited, newest favourite first; entry ids are favourite ids. */
export async function listFavourites(
  deps: ServiceDeps,
  input: { actorId: string; page: PageRequest },
): Promise<Entry<Status>[]> {
  return deps.uow.favourites.byAccount(input.actorId, input.page);
}
