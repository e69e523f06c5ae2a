import { DomainError } from '../../errors.ts';
import { isId } from '../../ids.ts';
import type { UnitOfWork } from '../../ports/unit-of-work.ts';
import type { Status } from '../../types/statuses.ts';
import type { ServiceDeps } from '../deps.ts';

/** One status by id; missing, malformed or hidden ids are not found. */
export async function getStatus(deps: ServiceDeps, id: string, viewerId?: string): Promise<Status> {
  return findVisibleStatus(deps.uow, id, viewerId);
}

/** A status the viewer can see, or `not_found`. */
export async function findVisibleStatus(uow: UnitOfWork, id: string, viewerId?: string): Promise<Status> {
  const status = isId(id) ? await uow.statuses.findById(id, viewerId) : null;
  if (!status) throw new DomainError('not_found');
  return status;
}

/**
 * The status an action names (favourite, bookmark, boost, reply): a boost stands for its original,
 * as Mastodon reads it, so nobody favourites or answers a boost's empty wrapper.
 */
export async function findVisibleOriginal(uow: UnitOfWork, id: string, viewerId?: string): Promise<Status> {
  const status = await findVisibleStatus(uow, id, viewerId);
  return status.reblog ?? status;
}

/** The actor's own status, to edit or delete: `not_found` when missing, `not_owner` when another's. */
export async function findOwnStatus(
  uow: UnitOfWork,
  id: string,
  actorId: string,
  verb: 'edit' | 'delete',
): Promise<Status> {
  const status = await findVisibleStatus(uow, id, actorId);
  if (status.account.id !== actorId)
    throw new DomainError('not_owner', `You can only ${verb} your own statuses.`);
  // A boost has no text to edit (unboost, or delete it).
  if (verb === 'edit' && status.reblog) throw new DomainError('not_found');
  return status;
}
