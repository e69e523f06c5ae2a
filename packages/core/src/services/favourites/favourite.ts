import type { PublicAccount } from '../../types/accounts.ts';
import type { Entry, PageRequest } from '../../types/common.ts';
import type { Status } from '../../types/statuses.ts';
import { requireActiveActor } from '../accounts/require-actor.ts';
import type { ServiceDeps } from '../deps.ts';
import { findVisibleOriginal, findVisibleStatus } from '../statuses/get-status.ts';

export interface FavouriteInput {
  actorId: string;
  statusId: string;
}

/**
 * Favourites a status and notifies its author (not for your own status), in one transaction;
 * favouriting again changes nothing. Returns the status as the actor now sees it.
 */
export async function favourite(deps: ServiceDeps, input: FavouriteInput): Promise<Status> {
  // Read through the cache before the transaction; a status deleted meanwhile makes the write refuse.
  const actor = await requireActiveActor(deps.uow, input.actorId);
  const status = await findVisibleOriginal(deps.uow, input.statusId, actor.id);
  await deps.uow.transaction(async (tx) => {
    const { created } = await tx.favourites.create(actor.id, status.id);
    if (created && status.account.id !== actor.id) {
      await tx.notifications.create([
        { accountId: status.account.id, fromAccountId: actor.id, type: 'favourite', statusId: status.id },
      ]);
    }
  });
  // Read after the commit, so the count (kept at commit) includes this favourite.
  return findVisibleStatus(deps.uow, status.id, actor.id);
}

/** Removes the actor's favourite and the notification it caused; unfavouriting again changes nothing. */
export async function unfavourite(deps: ServiceDeps, input: FavouriteInput): Promise<Status> {
  const actor = await requireActiveActor(deps.uow, input.actorId);
  const status = await findVisibleOriginal(deps.uow, input.statusId, actor.id);
  await deps.uow.transaction(async (tx) => {
    if (await tx.favourites.delete(actor.id, status.id)) {
      await tx.notifications.deleteFor({
        accountId: status.account.id,
        fromAccountId: actor.id,
        type: 'favourite',
        statusId: status.id,
      });
    }
  });
  return findVisibleStatus(deps.uow, status.id, actor.id);
}

/**
 * Who favourited a status the viewer may see, without the accounts blocked either way; entry ids
 * are favourite ids (the pagination cursor).
 */
export async function favouritedBy(
  deps: ServiceDeps,
  input: { statusId: string; page: PageRequest; viewerId?: string | undefined },
): Promise<Entry<PublicAccount>[]> {
  const status = await findVisibleOriginal(deps.uow, input.statusId, input.viewerId);
  return deps.uow.favourites.favouritedBy(status.id, input.page, input.viewerId);
}

/** The statuses the actor favourited, newest favourite first; entry ids are favourite ids. */
export async function listFavourites(
  deps: ServiceDeps,
  input: { actorId: string; page: PageRequest },
): Promise<Entry<Status>[]> {
  return deps.uow.favourites.byAccount(input.actorId, input.page);
}
