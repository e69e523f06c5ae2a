import { ForbiddenError, UnprocessableError } from '../../errors.ts';
import type { Account } from '../../types.ts';
import type { ServiceDeps } from '../deps.ts';
import { findUsableToken, issueAccountToken } from './account-tokens.ts';

export const INVALID_CONFIRMATION = 'This confirmation link is invalid, was already used or has expired.';

/** Sends a new confirmation e-mail to the actor's address ("resend" on the banner). */
export async function resendConfirmation(deps: ServiceDeps, input: { actorId: string }): Promise<Account> {
  return deps.uow.transaction(async (tx) => {
    const account = await tx.accounts.findById(input.actorId);
    if (!account || account.suspendedAt) throw new ForbiddenError('This account is suspended.');
    if (account.emailConfirmedAt) throw new UnprocessableError('Your e-mail address is already confirmed.');
    await issueAccountToken(deps, tx, account, 'confirm_email');
    return account;
  });
}

/** Confirms the address a link was sent to; the link works once, for three days. */
export async function confirmEmail(deps: ServiceDeps, input: { token: string }): Promise<Account> {
  return deps.uow.transaction(async (tx) => {
    const token = await findUsableToken(tx, input.token, 'confirm_email');
    const account = token ? await tx.accounts.findById(token.accountId) : null;
    if (!token || !account || account.suspendedAt) throw new UnprocessableError(INVALID_CONFIRMATION);
    // The address may have changed since the e-mail went out: then this link confirms nothing.
    if (!(await tx.accountEmails.markTokenUsed(token.id))) throw new UnprocessableError(INVALID_CONFIRMATION);
    if (!(await tx.accountEmails.confirmEmail(account.id, token.email)))
      throw new UnprocessableError(INVALID_CONFIRMATION);
    return { ...account, emailConfirmedAt: account.emailConfirmedAt ?? new Date() };
  });
}
