// A status's poll as posting and editing write it: the row and, in the same transaction, the job
// that closes it at its end.
import type { UnitOfWork } from '../../ports/unit-of-work.ts';
import type { PollSpec } from '../../rules/poll-rules.ts';
import type { Poll } from '../../types/statuses.ts';

const jobKey = (statusId: string) => `poll-expiry:${statusId}`;

/**
 * Gives a status its poll, or replaces the one it has (an edit). As Mastodon's edits: the votes are
 * reset when the options or the choice kind change; the end is counted again from now.
 */
export async function setStatusPoll(
  tx: UnitOfWork,
  statusId: string,
  spec: PollSpec,
  existing: Poll | null | undefined,
): Promise<void> {
  const poll = {
    statusId,
    options: spec.options,
    multiple: spec.multiple,
    hideTotals: spec.hideTotals,
    expiresAt: new Date(Date.now() + spec.expiresIn * 1000),
  };
  if (existing) {
    const changed =
      existing.multiple !== spec.multiple ||
      existing.options.length !== spec.options.length ||
      existing.options.some((o, i) => o !== spec.options[i]);
    await tx.polls.replace(poll, changed);
  } else await tx.polls.create(poll);
  // One closing job per poll: an edit moves it to the new end.
  await tx.jobs.enqueue(
    'poll-expiry',
    { statusId },
    { runAt: poll.expiresAt, jobKey: jobKey(statusId), jobKeyMode: 'replace' },
  );
}

/** Takes a status's poll away (an edit without one), with its votes and its closing job. */
export async function removeStatusPoll(tx: UnitOfWork, statusId: string): Promise<void> {
  await tx.polls.delete(statusId);
  await tx.jobs.remove([jobKey(statusId)]);
}
