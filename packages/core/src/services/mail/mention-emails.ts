import { mentionMail } from '../../mail/templates.ts';
import { messageId, unsubscribeUrl } from '../../mail/links.ts';
import type { UnitOfWork } from '../../ports/unit-of-work.ts';
import { statusUrl } from '../../urls.ts';
import { hidesNotificationsFrom, mayShowStatus } from '../../rules/visibility-rules.ts';
import type { ServiceDeps } from '../deps.ts';

/**
 * Enqueues one mention e-mail per mentioned account (never the author), in the transaction that
 * stores the status. The job key makes it one per (status, recipient) whatever happens after.
 */
export async function enqueueMentionEmails(
  deps: ServiceDeps,
  tx: UnitOfWork,
  input: { statusId: string; authorId: string; accountIds: string[] },
): Promise<void> {
  const runAt = new Date(Date.now() + deps.mentionEmailDelaySeconds * 1000);
  const jobs = [...new Set(input.accountIds)]
    .filter((accountId) => accountId !== input.authorId)
    .map((accountId) => ({
      payload: { statusId: input.statusId, accountId },
      jobKey: `mention-email:${input.statusId}:${accountId}`,
    }));
  if (jobs.length > 0) await tx.jobs.enqueueMany('mention-email', jobs, { runAt });
}

/** Drops the pending mention e-mails of a status being deleted (the task's own check covers a running one). */
export async function cancelMentionEmails(
  tx: UnitOfWork,
  status: { id: string; mentions: { accountId: string }[] },
) {
  await tx.jobs.remove(status.mentions.map((m) => `mention-email:${status.id}:${m.accountId}`));
}

export type MentionEmailResult =
  | 'sent'
  | 'status_gone'
  | 'recipient_gone'
  | 'own_status'
  | 'not_mentioned'
  | 'muted'
  | 'unconfirmed'
  | 'opted_out'
  | 'already_read';

/**
 * Sends one mention e-mail unless, at sending time, the status is gone or hidden from the recipient
 * (a block since, say: the visibility rule runs as for any read of the recipient's), it is the
 * recipient's own, the recipient mutes its author with notifications since, the address is
 * unconfirmed, mention e-mails are off, or the notification was already read.
 * Throws (so the job is retried) only when the SMTP server does not take the message.
 */
export async function sendMentionEmail(
  deps: ServiceDeps,
  input: { statusId: string; accountId: string },
): Promise<MentionEmailResult> {
  // Everything below is decided on one query: the status, the recipient, the read check and the
  // recipient's relations with the author (one round trip per e-mail).
  const facts = await deps.uow.notifications.mentionEmailFacts(input.statusId, input.accountId);
  if (!facts) return 'status_gone';
  const { status, recipient, relations } = facts;
  const author = status.account.id;
  const shown = mayShowStatus(
    {
      authorId: author,
      visibility: status.visibility,
      mentionedIds: status.mentions.map((m) => m.accountId),
    },
    { id: input.accountId, relations, followsAuthor: () => facts.followsAuthor },
  );
  if (!shown) return 'status_gone';
  if (!recipient || recipient.suspendedAt) return 'recipient_gone';
  if (author === recipient.id) return 'own_status';
  if (!status.mentions.some((m) => m.accountId === recipient.id)) return 'not_mentioned';
  if (hidesNotificationsFrom(relations, author)) return 'muted';
  if (!recipient.emailConfirmedAt) return 'unconfirmed';
  if (!recipient.mentionEmails) return 'opted_out';
  if (facts.read) return 'already_read';
  const unsubscribe = unsubscribeUrl(deps.baseUrl, deps.secretKey, recipient.id);
  const mail = mentionMail({
    status,
    baseUrl: deps.baseUrl,
    statusUrl: statusUrl(deps.baseUrl, status),
    unsubscribeUrl: unsubscribe,
    settingsUrl: `${deps.baseUrl}/settings#email`,
  });
  await deps.mailer.send({
    to: recipient.email,
    ...mail,
    messageId: messageId(deps.baseUrl, 'mention', status.id, recipient.id),
    headers: {
      // RFC 8058 one-click unsubscribe: the mail client POSTs "List-Unsubscribe=One-Click" to the URL.
      'List-Unsubscribe': `<${unsubscribe}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      // RFC 3834: an automatic message; auto-responders should not answer it.
      'Auto-Submitted': 'auto-generated',
    },
  });
  return 'sent';
}
