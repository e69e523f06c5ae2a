import { DomainError, ValidationError } from '../../errors.ts';
import { parseMuteDuration } from '../../rules/mute-rules.ts';
import type { MutedAccount, Relationship } from '../../types/accounts.ts';
import type { Entry, PageRequest } from '../../types/common.ts';
import { getAccountById } from '../accounts/get-account.ts';
import { requireActiveActor } from '../accounts/require-actor.ts';
import type { ServiceDeps } from '../deps.ts';
import { relationshipOf } from '../follows/relationships.ts';

export interface MuteInput {
  actorId: string;
  targetId: string;
  /** Also hide the account's notifications (Mastodon's default: yes). */
  notifications?: boolean | undefined;
  /** Seconds until the mute ends by itself; 0 or absent: until unmuted. A number or a string of digits. */
  duration?: unknown;
}

/**
 * Mutes an account: its statuses leave the actor's home, public and hashtag timelines, threads and
 * search (not its profile), and, with `notifications`, its notifications leave the actor's. Muting
 * again replaces the terms. A mute with a duration ends by itself: every read checks its end
 * (docs/visibility.md says why), and housekeeping deletes it later.
 */
export async function mute(deps: ServiceDeps, input: MuteInput): Promise<Relationship> {
  const duration = parseMuteDuration(input.duration);
  if ('error' in duration) throw new ValidationError({ duration: duration.error });
  const actor = await requireActiveActor(deps.uow, input.actorId);
  const target = await getAccountById(deps, input.targetId);
  if (target.id === actor.id) throw new DomainError('cannot_mute_self');
  const terms = {
    notifications: input.notifications ?? true,
    expiresAt: duration.seconds > 0 ? new Date(Date.now() + duration.seconds * 1000) : null,
  };
  return deps.uow.transaction(async (tx) => {
    await tx.mutes.set(actor.id, target.id, terms);
    return relationshipOf(tx, actor.id, target.id);
  });
}

/** Lifts the actor's mute of an account; unmuting again changes nothing. */
export async function unmute(
  deps: ServiceDeps,
  input: { actorId: string; targetId: string },
): Promise<Relationship> {
  const actor = await requireActiveActor(deps.uow, input.actorId);
  const target = await getAccountById(deps, input.targetId);
  return deps.uow.transaction(async (tx) => {
    await tx.mutes.delete(actor.id, target.id);
    return relationshipOf(tx, actor.id, target.id);
  });
}

/** The accounts the actor mutes now, newest mute first; entry ids are mute ids (the pagination cursor). */
export async function listMutes(
  deps: ServiceDeps,
  input: { actorId: string; page: PageRequest },
): Promise<Entry<MutedAccount>[]> {
  const actor = await requireActiveActor(deps.uow, input.actorId);
  return deps.uow.mutes.list(actor.id, input.page);
}
