import { confirmationMail, passwordResetMail } from '../../mail/templates.ts';
import { messageId } from '../../mail/links.ts';
import type { ServiceDeps } from '../deps.ts';
import { tokenFor } from '../accounts/account-tokens.ts';

export type AccountEmailResult =
  'sent' | 'token_gone' | 'account_gone' | 'address_changed' | 'already_confirmed';

async function load(deps: ServiceDeps, tokenId: string) {
  const token = await deps.uow.accountEmails.findTokenById(tokenId);
  if (!token || token.usedAt || token.expiresAt.getTime() <= Date.now()) return 'token_gone' as const;
  const account = await deps.uow.accounts.findById(token.accountId);
  if (!account || account.suspendedAt) return 'account_gone' as const;
  if (account.email.toLowerCase() !== token.email.toLowerCase()) return 'address_changed' as const;
  return { token, account };
}

/** Sends the confirmation link of a token, unless it is used, expired, or the address changed. */
export async function sendConfirmationEmail(
  deps: ServiceDeps,
  input: { tokenId: string },
): Promise<AccountEmailResult> {
  const found = await load(deps, input.tokenId);
  if (typeof found === 'string') return found;
  if (found.account.emailConfirmedAt) return 'already_confirmed';
  const url = `${deps.baseUrl}/email/confirm?token=${tokenFor(deps, found.token.id)}`;
  await deps.mailer.send({
    to: found.token.email,
    ...confirmationMail({ username: found.account.username, url }),
    messageId: messageId(deps.baseUrl, 'confirm', found.token.id),
    headers: { 'Auto-Submitted': 'auto-generated' },
  });
  return 'sent';
}

/** Sends the password reset link of a token, unless it is used or expired. */
export async function sendPasswordResetEmail(
  deps: ServiceDeps,
  input: { tokenId: string },
): Promise<AccountEmailResult> {
  const found = await load(deps, input.tokenId);
  if (typeof found === 'string') return found;
  const url = `${deps.baseUrl}/password/reset?token=${tokenFor(deps, found.token.id)}`;
  await deps.mailer.send({
    to: found.token.email,
    ...passwordResetMail({ username: found.account.username, url }),
    messageId: messageId(deps.baseUrl, 'reset', found.token.id),
    headers: { 'Auto-Submitted': 'auto-generated' },
  });
  return 'sent';
}
