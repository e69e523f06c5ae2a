import { throwIfInvalid } from '../../errors.ts';
import { statusTextError } from '../../rules/status-rules.ts';
import type { Status } from '../../types/statuses.ts';
import { requireActiveActor } from '../accounts/require-actor.ts';
import type { ServiceDeps } from '../deps.ts';
import { checkStatusMedia, setStatusMedia } from '../media/status-media.ts';
import { composeStatusText } from './compose.ts';
import { findOwnStatus } from './get-status.ts';

export interface EditStatusInput {
  actorId: string;
  statusId: string;
  text: string;
  /** The media the status is to have (its own, or new uploads); absent: unchanged. */
  mediaIds?: string[] | undefined;
}

/**
 * Replaces the text of the actor's own status: re-renders its HTML, re-stores its mentions and
 * hashtags, notifies accounts it newly mentions, and sets edited_at, in one transaction.
 */
export async function editStatus(deps: ServiceDeps, input: EditStatusInput): Promise<Status> {
  const text = input.text.trim();
  // Blank text is fine only for a status that keeps or gets media; that is known once it is read.
  if (statusTextError(text, { withMedia: true })) throwIfInvalid({ text: statusTextError(text) });
  return deps.uow.transaction(async (tx) => {
    const actor = await requireActiveActor(tx, input.actorId);
    const status = await findOwnStatus(tx, input.statusId, actor.id, 'edit');
    const mediaIds =
      input.mediaIds === undefined
        ? undefined
        : await checkStatusMedia(tx, { actorId: actor.id, ids: input.mediaIds, statusId: status.id });
    const withMedia = (mediaIds ?? status.media ?? []).length > 0;
    throwIfInvalid({ text: statusTextError(text, { withMedia }) });
    if (mediaIds) await setStatusMedia(tx, status.id, actor.id, mediaIds);
    const composed = await composeStatusText(tx, deps.baseUrl, text);
    await tx.statuses.update(status.id, {
      text,
      html: composed.html,
      mentionedAccountIds: composed.mentioned.map((a) => a.id),
      tags: composed.tags,
    });
    const before = new Set(status.mentions.map((m) => m.accountId));
    await tx.notifications.create(
      composed.mentioned
        .filter((a) => a.id !== actor.id && !before.has(a.id))
        .map((a) => ({
          accountId: a.id,
          fromAccountId: actor.id,
          type: 'mention' as const,
          statusId: status.id,
        })),
    );
    return (await tx.statuses.findById(status.id, actor.id))!;
  });
}
