import { DomainError, ValidationError } from '../../errors.ts';
import { checkVote } from '../../rules/poll-rules.ts';
import type { Status } from '../../types/statuses.ts';
import { requireActiveActor } from '../accounts/require-actor.ts';
import type { ServiceDeps } from '../deps.ts';
import { findVisibleStatus } from '../statuses/get-status.ts';

export interface VoteInput {
  actorId: string;
  /** The poll's id (its status's). */
  pollId: string;
  /** Indexes of the options chosen, from 0. */
  choices: ReadonlyArray<string | number>;
}

/**
 * Votes in the poll of a status the actor may see (else "not found"). Refused as Mastodon refuses:
 * an ended poll, a choice that is no option, the author's own poll, a second vote (one vote per
 * voter, all its choices at once), several choices in a single-choice poll. The counts move in the
 * vote's transaction (a trigger on poll_votes). Returns the status as the actor now sees it.
 */
export async function vote(deps: ServiceDeps, input: VoteInput): Promise<Status> {
  const actor = await requireActiveActor(deps.uow, input.actorId);
  const status = await findVisibleStatus(deps.uow, input.pollId, actor.id);
  if (!status.poll) throw new DomainError('not_found');
  await deps.uow.transaction(async (tx) => {
    // The poll row is locked: a vote and the poll's closing or editing queue behind each other.
    const poll = await tx.polls.lock(status.id);
    if (!poll) throw new DomainError('not_found');
    const voted = await tx.polls.hasVoted(status.id, actor.id);
    const checked = checkVote(actor.id, { ...poll, voted }, input.choices);
    if ('error' in checked) throw new ValidationError({ choices: checked.error });
    await tx.polls.vote(status.id, actor.id, checked.choices);
  });
  return findVisibleStatus(deps.uow, status.id, actor.id);
}
