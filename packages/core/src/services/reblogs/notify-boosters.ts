import type { UnitOfWork } from '../../ports/unit-of-work.ts';

/**
 * After an edit, in its transaction: an `update` notification to each account that boosted the
 * status (as Mastodon's UpdateStatusService), from its author. A notification is one per (recipient,
 * status, type, actor): an earlier edit's is replaced, so the newest edit comes up unread again.
 * Blocks and mutes hold it back as any notification.
 */
export async function notifyBoostersOfEdit(
  tx: UnitOfWork,
  statusId: string,
  authorId: string,
): Promise<void> {
  const boosters = (await tx.reblogs.boosterIds(statusId)).filter((id) => id !== authorId);
  if (boosters.length === 0) return;
  const notes = boosters.map((accountId) => ({
    accountId,
    fromAccountId: authorId,
    type: 'update' as const,
    statusId,
  }));
  for (const n of notes) await tx.notifications.deleteFor(n);
  await tx.notifications.create(notes);
}
