import { DomainError, throwIfInvalid, ValidationError } from '../../errors.ts';
import { isId } from '../../ids.ts';
import { descriptionError, FOCUS_ERROR, parseFocus } from '../../rules/media-rules.ts';
import type { MediaAttachment } from '../../types/media.ts';
import { requireActiveActor } from '../accounts/require-actor.ts';
import type { ServiceDeps } from '../deps.ts';

/** The actor's own attachment (an upload, or media of one of its statuses); `not_found` for anyone else's. */
export async function getOwnMedia(
  deps: ServiceDeps,
  input: { actorId: string; mediaId: string },
): Promise<MediaAttachment> {
  const media = isId(input.mediaId) ? await deps.uow.media.findById(input.mediaId) : null;
  // Someone else's media, or a profile picture, is not found — as Mastodon answers.
  if (!media || media.accountId !== input.actorId || media.purpose !== 'attachment')
    throw new DomainError('not_found');
  return media;
}

export interface UpdateMediaInput {
  actorId: string;
  mediaId: string;
  /** Alt text; '' removes it. Absent: unchanged. */
  description?: string | undefined;
  /** "x,y" from -1 to 1. Absent: unchanged. */
  focus?: string | undefined;
}

/** Changes the alt text or focal point of the actor's own attachment (posted or not). */
export async function updateMedia(deps: ServiceDeps, input: UpdateMediaInput): Promise<MediaAttachment> {
  const description =
    input.description === undefined
      ? undefined
      : input.description.trim()
        ? input.description.replace(/\r\n?/g, '\n')
        : null;
  const focus = input.focus === undefined || input.focus.trim() === '' ? undefined : parseFocus(input.focus);
  throwIfInvalid({
    description: description ? descriptionError(description) : undefined,
    focus: focus === null ? FOCUS_ERROR : undefined,
  });
  await requireActiveActor(deps.uow, input.actorId);
  const media = await getOwnMedia(deps, input);
  const changes: { description?: string | null; focus?: { x: number; y: number } } = {};
  if (description !== undefined) changes.description = description;
  if (focus) changes.focus = focus;
  await deps.uow.media.update(media.id, changes);
  return getOwnMedia(deps, input);
}

/** Deletes the actor's own upload that no status uses (Mastodon 4.4's DELETE /api/v1/media/:id). */
export async function deleteMedia(
  deps: ServiceDeps,
  input: { actorId: string; mediaId: string },
): Promise<void> {
  await requireActiveActor(deps.uow, input.actorId);
  const media = await getOwnMedia(deps, input);
  if (media.statusId)
    throw new ValidationError({ file: 'This file is attached to a post: delete or edit the post instead.' });
  await deps.uow.media.delete([media.id]);
}
