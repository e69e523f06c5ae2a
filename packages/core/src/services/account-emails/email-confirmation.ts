import { DomainError } from '../../errors.ts';
import type { Account } from '../../types/accounts.ts';
import { requireActiveActor } from '../accounts/require-actor.ts';
import type { ServiceDeps } from '../deps.ts';
import { findUsableToken, issueAccountToken } from './account-tokens.ts';

export const INVALID_CONFIRMATION = 'This confirmation link is invalid, was already used or has expired.';

/** Sends a new confirmation e-mail to the actor's address ("resend" on the banner). */
export async function resendConfirmation(deps: ServiceDeps, input: { actorId: string }): Promise<Account> {
  return deps.uow.transaction(async (tx) => {
    const account = await requireActiveActor(tx, input.actorId);
    if (account.emailConfirmedAt) throw new DomainError('already_confirmed');
    await issueAccountToken(deps, tx, account, 'confirm_email');
    return account;
  });
}

/** Confirms the address a link was sent to; the link works once, for three days. */
export async function confirmEmail(deps: ServiceDeps, input: { token: string }): Promise<Account> {
  const invalid = () => new DomainError('invalid_link', INVALID_CONFIRMATION);
  return deps.uow.transaction(async (tx) => {
    const token = await findUsableToken(tx, input.token, 'confirm_email');
    const account = token ? await tx.accounts.findById(token.accountId) : null;
    if (!token || !account || account.suspendedAt) throw invalid();
    if (!(await tx.accountTokens.markUsed(token.id))) throw invalid();
    // The address may have changed since the e-mail went out: then this link confirms nothing.
    if (!(await tx.accounts.confirmEmail(account.id, token.email))) throw invalid();
    return { ...account, emailConfirmedAt: account.emailConfirmedAt ?? new Date() };
  });
}
