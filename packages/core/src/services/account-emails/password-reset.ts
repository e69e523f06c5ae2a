import { DomainError, throwIfInvalid } from '../../errors.ts';
import { emailError, passwordError } from '../../rules/account-rules.ts';
import { hashPassword } from '../../security/password.ts';
import { setPassword } from '../accounts/set-password.ts';
import type { ServiceDeps } from '../deps.ts';
import { findUsableToken, issueAccountToken } from './account-tokens.ts';

export const INVALID_RESET = 'This password reset link is invalid, was already used or has expired.';

/**
 * Asks for a reset link. The address is only checked for form here; the look-up happens in the
 * worker (issuePasswordReset), so the request does the same work and takes the same time whether
 * or not an account has this address, and the page answers the same either way.
 */
export async function requestPasswordReset(deps: ServiceDeps, input: { email: string }): Promise<void> {
  const email = input.email.trim();
  throwIfInvalid({ email: emailError(email) });
  await deps.uow.transaction((tx) => tx.jobs.enqueue('password-reset-request', { email }));
}

/** The worker's half of a reset request: issues the link if an active account has this address. */
export async function issuePasswordReset(deps: ServiceDeps, input: { email: string }): Promise<boolean> {
  const email = input.email.trim();
  const found = await deps.uow.accounts.findCredentials(email);
  if (!found || found.account.suspendedAt || found.account.email.toLowerCase() !== email.toLowerCase())
    return false;
  await deps.uow.transaction((tx) => issueAccountToken(deps, tx, found.account, 'password_reset'));
  return true;
}

/** Throws unless the token is a usable reset token (to show the form only for a good link). */
export async function checkPasswordResetToken(deps: ServiceDeps, input: { token: string }): Promise<void> {
  if (!(await findUsableToken(deps.uow, input.token, 'password_reset')))
    throw new DomainError('invalid_link', INVALID_RESET);
}

/**
 * Sets a new password with a reset token: the token and every other reset token of the account are
 * used up, every session and app token of the account ends, and the address counts as confirmed
 * (the link reached it).
 */
export async function resetPassword(
  deps: ServiceDeps,
  input: { token: string; password: string },
): Promise<{ username: string }> {
  await checkPasswordResetToken(deps, input);
  throwIfInvalid({ password: passwordError(input.password) });
  const passwordHash = await hashPassword(input.password);
  return deps.uow.transaction(async (tx) => {
    const token = await findUsableToken(tx, input.token, 'password_reset');
    const account = token ? await tx.accounts.findById(token.accountId) : null;
    if (!token || !account || account.suspendedAt || !(await tx.accountTokens.markUsed(token.id)))
      throw new DomainError('invalid_link', INVALID_RESET);
    await tx.accountTokens.invalidate(account.id, 'password_reset');
    await setPassword(tx, account, passwordHash);
    await tx.accounts.confirmEmail(account.id, token.email);
    return { username: account.username };
  });
}
