import type { Entry, PageRequest } from '../../types/common.ts';
import type { Status } from '../../types/statuses.ts';
import { requireActiveActor } from '../accounts/require-actor.ts';
import type { ServiceDeps } from '../deps.ts';
import { findVisibleOriginal, findVisibleStatus } from '../statuses/get-status.ts';

export interface BookmarkInput {
  actorId: string;
  statusId: string;
}

/**
 * Bookmarks a status the actor may see (else "not found", as Mastodon answers); bookmarking again
 * changes nothing. Nobody is told. Returns the status as the actor now sees it.
 */
export async function bookmark(deps: ServiceDeps, input: BookmarkInput): Promise<Status> {
  const actor = await requireActiveActor(deps.uow, input.actorId);
  const status = await findVisibleOriginal(deps.uow, input.statusId, actor.id);
  await deps.uow.transaction((tx) => tx.bookmarks.create(actor.id, status.id));
  return findVisibleStatus(deps.uow, status.id, actor.id);
}

/** Removes the actor's bookmark of a status it may see; unbookmarking again changes nothing. */
export async function unbookmark(deps: ServiceDeps, input: BookmarkInput): Promise<Status> {
  const actor = await requireActiveActor(deps.uow, input.actorId);
  const status = await findVisibleOriginal(deps.uow, input.statusId, actor.id);
  await deps.uow.transaction((tx) => tx.bookmarks.delete(actor.id, status.id));
  return findVisibleStatus(deps.uow, status.id, actor.id);
}

/** The statuses the actor bookmarked and may still see, newest bookmark first; entry ids are bookmark ids. */
export async function listBookmarks(
  deps: ServiceDeps,
  input: { actorId: string; page: PageRequest },
): Promise<Entry<Status>[]> {
  const actor = await requireActiveActor(deps.uow, input.actorId);
  return deps.uow.bookmarks.byAccount(actor.id, input.page);
}
