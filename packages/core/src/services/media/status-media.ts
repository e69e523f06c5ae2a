import { ValidationError } from '../../errors.ts';
import { isId } from '../../ids.ts';
import { MAX_MEDIA_ATTACHMENTS } from '../../rules/media-rules.ts';
import type { UnitOfWork } from '../../ports/unit-of-work.ts';

// Mastodon's words where clients show them.
export const MEDIA_PROCESSING =
  'Cannot attach files that have not finished processing. Try again in a moment!';
export const TOO_MANY_MEDIA = `You can attach at most ${MAX_MEDIA_ATTACHMENTS} images to a post.`;

/**
 * The distinct media ids a status is to have, checked: at most four, each the actor's own upload
 * (or already this status's), processed (or, where the website allows it, still processing).
 * Throws a ValidationError on `media_ids` naming what is wrong.
 */
export async function checkStatusMedia(
  uow: UnitOfWork,
  input: { actorId: string; ids: string[]; statusId?: string; acceptProcessing?: boolean },
): Promise<string[]> {
  const ids = [...new Set(input.ids)];
  if (ids.length > MAX_MEDIA_ATTACHMENTS) throw new ValidationError({ media_ids: TOO_MANY_MEDIA });
  for (const id of ids) {
    const media = isId(id) ? await uow.media.findById(id) : null;
    const usable =
      media &&
      media.accountId === input.actorId &&
      media.purpose === 'attachment' &&
      (media.statusId === null || media.statusId === input.statusId);
    if (!usable) throw new ValidationError({ media_ids: `Media ${id} was not found.` });
    if (media.state === 'failed')
      throw new ValidationError({ media_ids: `Media ${id} could not be processed: ${media.error}` });
    if (media.state === 'processing' && !input.acceptProcessing)
      throw new ValidationError({ media_ids: MEDIA_PROCESSING });
  }
  return ids;
}

/** Gives a status exactly these checked media, in this order; a race that took one away refuses the write. */
export async function setStatusMedia(tx: UnitOfWork, statusId: string, accountId: string, ids: string[]) {
  const attached = await tx.media.setStatusMedia(statusId, accountId, ids);
  if (attached !== ids.length)
    throw new ValidationError({ media_ids: 'Some of the media changed while posting. Please try again.' });
}
