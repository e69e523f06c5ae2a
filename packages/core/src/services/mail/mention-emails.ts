import { mentionMail } from '../../mail/templates.ts';
import { messageId, unsubscribeUrl } from '../../mail/links.ts';
import type { UnitOfWork } from '../../ports/unit-of-work.ts';
import { statusUrl } from '../../urls.ts';
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
  for (const accountId of new Set(input.accountIds)) {
    if (accountId === input.authorId) continue;
    await tx.jobs.enqueue(
      'mention-email',
      { statusId: input.statusId, accountId },
      { jobKey: `mention-email:${input.statusId}:${accountId}`, runAt },
    );
  }
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
  | 'unconfirmed'
  | 'opted_out'
  | 'already_read';

/**
 * Sends one mention e-mail unless, at sending time, the status is gone or hidden from the recipient
 * (a block since, say: it is read as the recipient sees it), it is the recipient's own, the address
 * is unconfirmed, mention e-mails are off, or the notification was already read.
 * Throws (so the job is retried) only when the SMTP server does not take the message.
 */
export async function sendMentionEmail(
  deps: ServiceDeps,
  input: { statusId: string; accountId: string },
): Promise<MentionEmailResult> {
  // The status as the recipient sees it (deleted, or hidden from them by a block since: gone alike),
  // then the recipient and the read check in one query.
  const status = await deps.uow.statuses.findById(input.statusId, input.accountId);
  if (!status) return 'status_gone';
  const facts = await deps.uow.notifications.mentionEmailFacts(input.statusId, input.accountId);
  if (!facts) return 'status_gone';
  const { recipient } = facts;
  if (!recipient || recipient.suspendedAt) return 'recipient_gone';
  if (status.account.id === recipient.id) return 'own_status';
  if (!status.mentions.some((m) => m.accountId === recipient.id)) return 'not_mentioned';
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
