import { NotFoundError, throwIfInvalid } from '../../errors.ts';
import { isId } from '../../pagination.ts';
import { statusTextError } from '../../rules/status-rules.ts';
import { renderText } from '../../text/render.ts';
import { extractMentions } from '../../text/tokenize.ts';
import type { Status } from '../../types.ts';
import type { ServiceDeps } from '../deps.ts';
import { storeStatusTags } from '../tags/store-tags.ts';

export interface EditStatusInput {
  actorId: string;
  statusId: string;
  text: string;
}

/**
 * Replaces the text of the actor's own status: re-renders its HTML, re-stores its mentions and
 * hashtags, notifies accounts it newly mentions, and sets edited_at, in one transaction. Someone
 * else's status is "not found", as Mastodon answers.
 */
export async function editStatus(deps: ServiceDeps, input: EditStatusInput): Promise<Status> {
  const text = input.text.trim();
  throwIfInvalid({ text: statusTextError(text) });
  return deps.uow.transaction(async (tx) => {
    const status = isId(input.statusId) ? await tx.statuses.findById(input.statusId) : null;
    if (!status || status.account.id !== input.actorId) throw new NotFoundError();
    const mentioned = await tx.accounts.findMentionable(extractMentions(text));
    const mentionable = new Map(mentioned.map((a) => [a.username.toLowerCase(), a]));
    await tx.statuses.update(status.id, {
      text,
      html: renderText(text, { baseUrl: deps.baseUrl, mentionable }),
      mentionedAccountIds: mentioned.map((a) => a.id),
    });
    const before = new Set(status.mentions.map((m) => m.accountId));
    await tx.notifications.create(
      mentioned
        .filter((a) => a.id !== input.actorId && !before.has(a.id))
        .map((a) => ({
          accountId: a.id,
          fromAccountId: input.actorId,
          type: 'mention' as const,
          statusId: status.id,
        })),
    );
    await storeStatusTags(tx, status.id, text);
    return (await tx.statuses.findById(status.id, input.actorId))!;
  });
}
