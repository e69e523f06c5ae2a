import { ForbiddenError, throwIfInvalid, UnprocessableError } from '../../errors.ts';
import { statusTextError, visibilityError, type Visibility } from '../../rules/status-rules.ts';
import { renderText } from '../../text/render.ts';
import { extractMentions } from '../../text/tokenize.ts';
import type { Status } from '../../types.ts';
import type { ServiceDeps } from '../deps.ts';

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
      const parent = /^\d{1,19}$/.test(input.inReplyToId)
        ? await tx.statuses.findById(input.inReplyToId)
        : null;
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
    return (await tx.statuses.findById(id))!;
  });
}
