import { createHash } from 'node:crypto';
import { DomainError, throwIfInvalid } from '../../errors.ts';
import { isId } from '../../ids.ts';
import type { UnitOfWork } from '../../ports/unit-of-work.ts';
import {
  contentWarningError,
  statusTextError,
  visibilityError,
  withWarningLengthError,
  type Visibility,
} from '../../rules/status-rules.ts';
import { detectLanguage, languageError, normalizeLanguage } from '../../rules/language-rules.ts';
import { checkPoll, type PollInput } from '../../rules/poll-rules.ts';
import type { Status } from '../../types/statuses.ts';
import { requireActiveActor } from '../accounts/require-actor.ts';
import type { ServiceDeps } from '../deps.ts';
import { enqueueMentionEmails } from '../mail/mention-emails.ts';
import { checkStatusMedia, setStatusMedia } from '../media/status-media.ts';
import { setStatusPoll } from '../polls/status-poll.ts';
import { composeStatusText } from './compose.ts';
import { findVisibleStatus } from './get-status.ts';

export interface CreateStatusInput {
  actorId: string;
  text: string;
  visibility?: string | undefined;
  inReplyToId?: string | null | undefined;
  /** ISO 639-1 (a region is dropped: "pt-BR" is "pt"); detected from the text when blank. */
  language?: string | undefined;
  /**
   * The client API's Idempotency-Key: a repeated key from the same account returns the first status
   * and writes nothing. The key is claimed in the transaction that writes the status, so two
   * concurrent requests with one key cannot both write, and a failed write frees the key.
   */
  idempotencyKey?: string | undefined;
  /** Uploads to attach (at most four, the actor's own, processed). */
  mediaIds?: string[] | undefined;
  /**
   * Also attach uploads still processing (the website, which waited for them already): they show
   * once the worker is done. The API refuses them, as Mastodon does.
   */
  acceptProcessingMedia?: boolean | undefined;
  /** Its media are sensitive: pages show them behind a click (kept as given, as Mastodon does). */
  sensitive?: boolean | undefined;
  /** A content warning the text is shown behind (blank: none); it makes the status sensitive. */
  spoilerText?: string | undefined;
  /** A poll (not with media, as Mastodon refuses); closed by a job at its end. */
  poll?: PollInput | undefined;
}

/**
 * Writes a status with its HTML, mentions, hashtags, notifications, mention e-mail jobs and, for a
 * direct status, the conversations it joins, in one transaction. A block stands in the way of a
 * mention (docs/visibility.md): the author's mention of an account it blocks is dropped (as
 * Mastodon does), and an account that blocks the author, or mutes it with notifications, is neither
 * notified nor e-mailed.
 */
export async function createStatus(deps: ServiceDeps, input: CreateStatusInput): Promise<Status> {
  const text = input.text.trim();
  const visibility = input.visibility || 'public';
  const withMedia = (input.mediaIds?.length ?? 0) > 0;
  const spoilerText = input.spoilerText?.trim() ?? '';
  const poll = input.poll ? checkPoll(input.poll) : undefined;
  throwIfInvalid({
    text: statusTextError(text, { withMedia }) ?? withWarningLengthError(text, spoilerText),
    spoiler_text: contentWarningError(spoilerText),
    visibility: visibilityError(visibility),
    language: languageError(input.language),
    poll: poll && 'error' in poll ? poll.error : undefined,
  });
  if (poll && withMedia) throw new DomainError('poll_with_media');
  const key = input.idempotencyKey?.trim();
  // What the write depends on is read first, outside the transaction and through the read cache;
  // a reply target or mentioned account that goes in the meantime makes the write itself refuse.
  const actor = await requireActiveActor(deps.uow, input.actorId);
  const parent = input.inReplyToId ? await replyTarget(deps.uow, input.inReplyToId, actor.id) : null;
  const composed = await composeStatusText(deps.uow, deps.baseUrl, text);
  const mediaIds = withMedia
    ? await checkStatusMedia(deps.uow, {
        actorId: actor.id,
        ids: input.mediaIds!,
        acceptProcessing: input.acceptProcessingMedia,
      })
    : [];
  const language = normalizeLanguage(input.language) ?? (await detectLanguage(text));
  const others = composed.mentioned.filter((a) => a.id !== actor.id).map((a) => a.id);
  const blocks = await deps.uow.blocks.between(actor.id, others);
  const mentioned = composed.mentioned.filter((a) => !blocks.blocking.has(a.id));
  const id = await deps.uow.transaction(async (tx) => {
    // The whole key, hashed: keys of any length that differ anywhere are different keys.
    const keyHash = key ? createHash('sha256').update(key).digest('base64url') : null;
    if (keyHash) {
      const first = await tx.statuses.claimIdempotencyKey(actor.id, keyHash);
      if (first === '') throw new DomainError('not_found'); // the first request's status is gone
      if (first !== null) return first;
    }
    const id = await tx.statuses.create({
      accountId: actor.id,
      text,
      html: composed.html,
      visibility: visibility as Visibility,
      inReplyToId: parent?.id ?? null,
      inReplyToAccountId: parent?.account.id ?? null,
      mentionedAccountIds: mentioned.map((a) => a.id),
      tags: composed.tags,
      // As Mastodon: a content warning makes the status sensitive.
      sensitive: input.sensitive === true || spoilerText !== '',
      spoilerText,
      language,
    });
    if (mediaIds.length > 0) await setStatusMedia(tx, id, actor.id, mediaIds);
    if (poll && 'poll' in poll) await setStatusPoll(tx, id, poll.poll, null);
    if (keyHash) await tx.statuses.recordIdempotencyKey(actor.id, keyHash, id);
    // In-app mention notifications, in the same transaction; never for mentioning yourself, nor to
    // whom the notification repository must not deliver one (a block, a mute with notifications).
    const notified = await tx.notifications.create(
      mentioned
        .filter((a) => a.id !== actor.id)
        .map((a) => ({ accountId: a.id, fromAccountId: actor.id, type: 'mention' as const, statusId: id })),
    );
    // Mention e-mails to those notified, enqueued with the status so a crash can neither lose nor double them.
    await enqueueMentionEmails(deps, tx, { statusId: id, authorId: actor.id, accountIds: notified });
    if (visibility === 'direct')
      await tx.conversations.addStatus({
        statusId: id,
        authorId: actor.id,
        participantIds: [actor.id, ...mentioned.map((a) => a.id)],
        recipientIds: [actor.id, ...mentioned.filter((a) => !blocks.blockedBy.has(a.id)).map((a) => a.id)],
      });
    return id;
  });
  // Read after the commit, so the counters (kept at commit) include this status.
  return findVisibleStatus(deps.uow, id, actor.id);
}

// A reply answers a status its author may see; any other is "not found", as Mastodon answers. A
// reply to a boost answers the original.
async function replyTarget(tx: UnitOfWork, id: string, actorId: string): Promise<Status> {
  const parent = isId(id) ? await tx.statuses.findById(id, actorId) : null;
  if (!parent) throw new DomainError('reply_target_missing');
  return parent.reblog ?? parent;
}
