import { DomainError, throwIfInvalid } from '../../errors.ts';
import { checkPoll, type PollInput } from '../../rules/poll-rules.ts';
import { contentWarningError, statusTextError, withWarningLengthError } from '../../rules/status-rules.ts';
import { languageError, normalizeLanguage } from '../../rules/language-rules.ts';
import type { Status } from '../../types/statuses.ts';
import { requireActiveActor } from '../accounts/require-actor.ts';
import type { ServiceDeps } from '../deps.ts';
import { checkStatusMedia, setStatusMedia } from '../media/status-media.ts';
import { notifyBoostersOfEdit } from '../reblogs/notify-boosters.ts';
import { removeStatusPoll, setStatusPoll } from '../polls/status-poll.ts';
import { composeStatusText } from './compose.ts';
import { findOwnStatus } from './get-status.ts';
import { currentVersion } from './status-history.ts';

export interface EditStatusInput {
  actorId: string;
  statusId: string;
  text: string;
  /** The media the status is to have (its own, or new uploads); absent: unchanged. */
  mediaIds?: string[] | undefined;
  /** A new ISO 639-1 language; blank keeps the status's own, as Mastodon does. */
  language?: string | undefined;
  /**
   * The content warning the status is to have (blank removes it, as a Mastodon edit without
   * `spoiler_text` does); absent: unchanged (the website's edit form without the field).
   */
  spoilerText?: string | undefined;
  /** The sensitive flag the status is to have; absent: unchanged. */
  sensitive?: boolean | undefined;
  /**
   * The poll the status is to have: null takes it away (a Mastodon edit without one); absent keeps
   * it (the website's edit form). Changed options or choice kind reset its votes, as Mastodon does.
   */
  poll?: PollInput | null | undefined;
}

/**
 * Replaces the text of the actor's own status: re-renders its HTML, re-stores its mentions and
 * hashtags, notifies accounts it newly mentions (as a new status would: not those it blocks, nor
 * those that block or mute it), takes back the mention notifications of accounts it no longer
 * mentions, keeps the version it replaces (edit history), and sets edited_at, in one transaction. Its visibility stays (Mastodon's edits keep it).
 */
export async function editStatus(deps: ServiceDeps, input: EditStatusInput): Promise<Status> {
  const text = input.text.trim();
  const spoilerText = input.spoilerText?.trim();
  const poll = input.poll ? checkPoll(input.poll) : undefined;
  // Blank text is fine only for a status that keeps or gets media; that is known once it is read.
  throwIfInvalid({
    text:
      (statusTextError(text, { withMedia: true }) ? statusTextError(text) : undefined) ??
      withWarningLengthError(text, spoilerText ?? ''),
    spoiler_text: contentWarningError(spoilerText ?? ''),
    language: languageError(input.language),
    poll: poll && 'error' in poll ? poll.error : undefined,
  });
  return deps.uow.transaction(async (tx) => {
    const actor = await requireActiveActor(tx, input.actorId);
    const status = await findOwnStatus(tx, input.statusId, actor.id, 'edit');
    const mediaIds =
      input.mediaIds === undefined
        ? undefined
        : await checkStatusMedia(tx, { actorId: actor.id, ids: input.mediaIds, statusId: status.id });
    const withMedia = (mediaIds ?? status.media ?? []).length > 0;
    const warning = spoilerText ?? status.spoilerText;
    throwIfInvalid({ text: statusTextError(text, { withMedia }) ?? withWarningLengthError(text, warning) });
    const withPoll = input.poll === undefined ? !!status.poll : input.poll !== null;
    if (withPoll && withMedia) throw new DomainError('poll_with_media');
    // The version this edit replaces is kept (before its media can change), for the history.
    await tx.statusEdits.record(status.id, currentVersion(status));
    if (mediaIds) await setStatusMedia(tx, status.id, actor.id, mediaIds);
    if (poll && 'poll' in poll) await setStatusPoll(tx, status.id, poll.poll, status.poll);
    else if (input.poll === null && status.poll) await removeStatusPoll(tx, status.id);
    const composed = await composeStatusText(tx, deps.baseUrl, text);
    const blocks = await tx.blocks.between(
      actor.id,
      composed.mentioned.map((a) => a.id).filter((id) => id !== actor.id),
    );
    const mentioned = composed.mentioned.filter((a) => !blocks.blocking.has(a.id));
    await tx.statuses.update(status.id, {
      text,
      html: composed.html,
      mentionedAccountIds: mentioned.map((a) => a.id),
      tags: composed.tags,
      language: normalizeLanguage(input.language) ?? undefined,
      spoilerText,
      // As Mastodon's edits: a content warning makes the status sensitive.
      sensitive:
        input.sensitive === undefined && spoilerText === undefined
          ? undefined
          : input.sensitive === true || warning !== '',
    });
    const before = new Set(status.mentions.map((m) => m.accountId));
    const after = new Set(mentioned.map((a) => a.id));
    for (const gone of before)
      if (!after.has(gone))
        await tx.notifications.deleteFor({
          accountId: gone,
          fromAccountId: actor.id,
          type: 'mention',
          statusId: status.id,
        });
    await tx.notifications.create(
      mentioned
        .filter((a) => a.id !== actor.id && !before.has(a.id))
        .map((a) => ({
          accountId: a.id,
          fromAccountId: actor.id,
          type: 'mention' as const,
          statusId: status.id,
        })),
    );
    await notifyBoostersOfEdit(tx, status.id, actor.id);
    return (await tx.statuses.findById(status.id, actor.id))!;
  });
}
