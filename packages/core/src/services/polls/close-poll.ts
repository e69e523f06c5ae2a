import type { ServiceDeps } from '../deps.ts';

export type CloseResult = 'closed' | 'gone' | 'already-closed' | 'not-yet';

/**
 * The expiry job's work: closes a poll whose end has come and, in the same transaction, notifies its
 * voters and its author (`poll`, from the author, as Mastodon's PollExpirationNotifyWorker). A poll
 * that is gone, already closed, or was edited to end later is left alone (its own job comes then).
 */
export async function closePoll(deps: ServiceDeps, input: { statusId: string }): Promise<CloseResult> {
  return deps.uow.transaction(async (tx) => {
    const poll = await tx.polls.lock(input.statusId);
    if (!poll) return 'gone';
    if (poll.closedAt) return 'already-closed';
    if (poll.expiresAt.getTime() > Date.now()) return 'not-yet';
    const voters = await tx.polls.close(poll.statusId);
    await tx.notifications.create(
      [poll.authorId, ...voters.filter((id) => id !== poll.authorId)].map((accountId) => ({
        accountId,
        fromAccountId: poll.authorId,
        type: 'poll' as const,
        statusId: poll.statusId,
      })),
    );
    return 'closed';
  });
}
