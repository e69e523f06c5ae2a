import { ValidationError } from '../../errors.ts';
import type { PageRequest } from '../../types/common.ts';
import type { Status } from '../../types/statuses.ts';
import { requireActiveActor } from '../accounts/require-actor.ts';
import type { ServiceDeps } from '../deps.ts';
import { findVisibleStatus } from '../statuses/get-status.ts';

/** How many statuses an account may pin (Mastodon's StatusPinValidator::PIN_LIMIT). */
export const MAX_PINS = 5;

// Mastodon's words (statuses.pin_errors), which clients show.
export const PIN_OWNERSHIP = "Someone else's post cannot be pinned";
export const PIN_DIRECT = 'Posts that are only visible to mentioned users cannot be pinned';
export const PIN_LIMIT = 'You have already pinned the maximum number of posts';
export const PIN_REBLOG = 'A boost cannot be pinned';

export interface PinInput {
  actorId: string;
  statusId: string;
}

/**
 * Pins one of the actor's own public, unlisted or followers-only statuses to its profile (at most
 * five); pinning it again changes nothing. A status the actor may not see is not_found.
 */
export async function pin(deps: ServiceDeps, input: PinInput): Promise<Status> {
  const actor = await requireActiveActor(deps.uow, input.actorId);
  const status = await findVisibleStatus(deps.uow, input.statusId, actor.id);
  if (status.account.id !== actor.id) throw new ValidationError({ status: PIN_OWNERSHIP });
  if (status.visibility === 'direct') throw new ValidationError({ status: PIN_DIRECT });
  if (status.reblog) throw new ValidationError({ status: PIN_REBLOG });
  const result = await deps.uow.transaction((tx) => tx.pins.create(actor.id, status.id, MAX_PINS));
  if (result === 'limit') throw new ValidationError({ status: PIN_LIMIT });
  return findVisibleStatus(deps.uow, status.id, actor.id);
}

/** Unpins a status the actor may see; unpinning one that is not pinned changes nothing. */
export async function unpin(deps: ServiceDeps, input: PinInput): Promise<Status> {
  const actor = await requireActiveActor(deps.uow, input.actorId);
  const status = await findVisibleStatus(deps.uow, input.statusId, actor.id);
  await deps.uow.transaction((tx) => tx.pins.delete(actor.id, status.id));
  return findVisibleStatus(deps.uow, status.id, actor.id);
}

/** An account's pinned statuses the viewer may see, newest pin first (the profile's top, `pinned=true`). */
export async function pinnedStatuses(
  deps: ServiceDeps,
  input: { accountId: string; page: PageRequest; viewerId?: string | undefined },
): Promise<Status[]> {
  return deps.uow.pins.byAccount(input.accountId, input.page, input.viewerId);
}
