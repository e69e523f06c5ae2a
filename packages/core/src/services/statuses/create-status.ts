import { ForbiddenError, throwIfInvalid, UnprocessableError } from '../../errors.ts';
import { statusTextError, visibilityError, type Visibility } from '../../rules/status-rules.ts';
import { renderText } from '../../text/render.ts';
import { extractMentions } from '../../text/tokenize.ts';
import { isId } from '../../pagination.ts';
import type { Status } from '../../types.ts';
import type { ServiceDeps } from '../deps.ts';
import { storeStatusTags } from '../tags/store-tags.ts';
import { enqueueMentionEmails } from '../mail/mention-emails.ts';

export interface CreateStatusInput {
  actorId: string;
  text: string;
  visibility?: string | undefined;
  inReplyToId?: string | null | undefined;
}

/** Writes a status, its rendered HTML and its mentions in one transaction. */
export async function createStatus(deps: ServiceDeps, input: CreateStatusInput): Promise<Status> {
  const text = input.text.trim();
  const visibility = input.visibility || 'public';
  throwIfInvalid({ text: statusTextError(text), visibility: visibilityError(visibility) });
  return deps.uow.transaction(async (tx) => {
    const actor = await tx.accounts.findById(input.actorId);
    if (!actor || actor.suspendedAt) throw new ForbiddenError('This account is suspended.');
    let inReplyToAccountId: string | null = null;
    if (input.inReplyToId) {
      const parent = isId(input.inReplyToId) ? await tx.statuses.findById(input.inReplyToId) : null;
      if (!parent) throw new UnprocessableError('The status you replied to does not exist.');
      inReplyToAccountId = parent.account.id;
    }
    const mentioned = await tx.accounts.findMentionable(extractMentions(text));
    const mentionable = new Map(mentioned.map((a) => [a.username.toLowerCase(), a]));
    const id = await tx.statuses.create({
      accountId: actor.id,
      text,
      html: renderText(text, { baseUrl: deps.baseUrl, mentionable }),
      visibility: visibility as Visibility,
      inReplyToId: input.inReplyToId || null,
      inReplyToAccountId,
      mentionedAccountIds: mentioned.map((a) => a.id),
    });
    await storeStatusTags(tx, id, text);
    // In-app mention notifications, in the same transaction; never for mentioning yourself.
    await tx.notifications.create(
      mentioned
        .filter((a) => a.id !== actor.id)
        .map((a) => ({ accountId: a.id, fromAccountId: actor.id, type: 'mention' as const, statusId: id })),
    );
    // Mention e-mails, enqueued with the status so a crash can neither lose nor double them.
    await enqueueMentionEmails(deps, tx, {
      statusId: id,
      authorId: actor.id,
      accountIds: mentioned.map((a) => a.id),
    });
    return (await tx.statuses.findById(id))!;
  });
}
