import { DomainError, throwIfInvalid } from '../../errors.ts';
import type { PublicAccount } from '../../types/accounts.ts';
import type { Entry, PageRequest } from '../../types/common.ts';
import type { Status } from '../../types/statuses.ts';
import type { Visibility } from '../../rules/status-rules.ts';
import { requireActiveActor } from '../accounts/require-actor.ts';
import type { ServiceDeps } from '../deps.ts';
import { findVisibleOriginal, findVisibleStatus } from '../statuses/get-status.ts';

/** What a boost may be for: Mastodon's choices (a direct boost would be seen by nobody). */
export const REBLOG_VISIBILITIES = ['public', 'unlisted', 'private'] as const;

export interface ReblogInput {
  actorId: string;
  /** The status to boost (a boost's id means its original, as Mastodon reads it). */
  statusId: string;
  /** public (default), unlisted or private; a followers-only original keeps its own. */
  visibility?: string | undefined;
}

/**
 * Boosts a status the actor may see (else not found: a block either way hides it), as Mastodon's
 * StatusPolicy#reblog? allows: not a direct status, a followers-only one only by its author. Boosting again returns the existing boost and writes nothing. The boost, its counter and the
 * `reblog` notification to the author (not for your own status; blocks and mutes as for every
 * notification) are written in one transaction. Returns the boost, holding the original.
 */
export async function reblog(deps: ServiceDeps, input: ReblogInput): Promise<Status> {
  const requested = input.visibility || 'public';
  throwIfInvalid({
    visibility: (REBLOG_VISIBILITIES as readonly string[]).includes(requested)
      ? undefined
      : `Visibility must be one of: ${REBLOG_VISIBILITIES.join(', ')}.`,
  });
  const actor = await requireActiveActor(deps.uow, input.actorId);
  const original = await findVisibleOriginal(deps.uow, input.statusId, actor.id);
  const own = original.account.id === actor.id;
  if (original.visibility === 'direct' || (original.visibility === 'private' && !own))
    throw new DomainError('cannot_reblog');
  // A followers-only status stays followers-only when boosted (by its author, the only one who may).
  const visibility: Visibility = original.visibility === 'private' ? 'private' : (requested as Visibility);
  const id = await deps.uow.transaction(async (tx) => {
    const boost = await tx.reblogs.create(actor.id, original.id, visibility);
    if (boost.created && !own)
      await tx.notifications.create([
        { accountId: original.account.id, fromAccountId: actor.id, type: 'reblog', statusId: original.id },
      ]);
    return boost.id;
  });
  // Read after the commit, so the original's count (kept at commit) includes this boost.
  return findVisibleStatus(deps.uow, id, actor.id);
}

/**
 * Removes the actor's boost of a status (its notification goes with it, by trigger); without one,
 * changes nothing. Returns the original as the actor now sees it (a status the actor may not see is
 * not found).
 */
export async function unreblog(
  deps: ServiceDeps,
  input: { actorId: string; statusId: string },
): Promise<Status> {
  const actor = await requireActiveActor(deps.uow, input.actorId);
  const original = await findVisibleOriginal(deps.uow, input.statusId, actor.id);
  await deps.uow.transaction(async (tx) => {
    const boostId = await tx.reblogs.findOwn(actor.id, original.id);
    if (boostId) await tx.statuses.delete(boostId);
  });
  return findVisibleStatus(deps.uow, original.id, actor.id);
}

/**
 * Who boosted a status the viewer may see, without the accounts blocked either way; entry ids are
 * the boosts' ids (the pagination cursor).
 */
export async function rebloggedBy(
  deps: ServiceDeps,
  input: { statusId: string; page: PageRequest; viewerId?: string | undefined },
): Promise<Entry<PublicAccount>[]> {
  const status = await findVisibleOriginal(deps.uow, input.statusId, input.viewerId);
  return deps.uow.reblogs.rebloggedBy(status.id, input.page, input.viewerId);
}
