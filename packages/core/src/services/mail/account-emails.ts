import { confirmationMail, passwordResetMail } from '../../mail/templates.ts';
import { messageId } from '../../mail/links.ts';
import type { ServiceDeps } from '../deps.ts';
import { tokenFor } from '../account-emails/account-tokens.ts';

export type AccountEmailResult =
  'sent' | 'token_gone' | 'account_gone' | 'address_changed' | 'already_confirmed';

async function load(deps: ServiceDeps, tokenId: string) {
  const token = await deps.uow.accountTokens.findById(tokenId);
  if (!token || token.usedAt || token.expiresAt.getTime() <= Date.now()) return 'token_gone' as const;
  const account = await deps.uow.accounts.findById(token.accountId);
  if (!account || account.suspendedAt) return 'account_gone' as const;
  if (account.email.toLowerCase() !== token.email.toLowerCase()) return 'address_changed' as const;
  return { token, account };
}

/** Mails the token's link (path?token=...) to the token's address, with a Message-ID stable per token. */
async function sendLink(
  deps: ServiceDeps,
  found: Exclude<Awaited<ReturnType<typeof load>>, string>,
  path: string,
  kind: 'confirm' | 'reset',
  template: typeof confirmationMail,
): Promise<'sent'> {
  const url = `${deps.baseUrl}${path}?token=${tokenFor(deps, found.token.id)}`;
  await deps.mailer.send({
    to: found.token.email,
    ...template({ username: found.account.username, url }),
    messageId: messageId(deps.baseUrl, kind, found.token.id),
    headers: { 'Auto-Submitted': 'auto-generated' },
  });
  return 'sent';
}

/** Sends the confirmation link of a token, unless it is used, expired, or the address changed. */
export async function sendConfirmationEmail(
  deps: ServiceDeps,
  input: { tokenId: string },
): Promise<AccountEmailResult> {
  const found = await load(deps, input.tokenId);
  if (typeof found === 'string') return found;
  if (found.account.emailConfirmedAt) return 'already_confirmed';
  return sendLink(deps, found, '/email/confirm', 'confirm', confirmationMail);
}

/** Sends the password reset link of a token, unless it is used or expired. */
export async function sendPasswordResetEmail(
  deps: ServiceDeps,
  input: { tokenId: string },
): Promise<AccountEmailResult> {
  const found = await load(deps, input.tokenId);
  if (typeof found === 'string') return found;
  return sendLink(deps, found, '/password/reset', 'reset', passwordResetMail);
}
