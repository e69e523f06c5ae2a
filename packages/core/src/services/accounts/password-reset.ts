import { throwIfInvalid, UnprocessableError } from '../../errors.ts';
import { emailError, passwordError } from '../../rules/account-rules.ts';
import { hashPassword } from '../../security/password.ts';
import type { ServiceDeps } from '../deps.ts';
import { findUsableToken, issueAccountToken } from './account-tokens.ts';

export const INVALID_RESET = 'This password reset link is invalid, was already used or has expired.';

/**
 * Sends a reset link if an active account has this address. The caller answers the same either
 * way, so the form does not reveal which addresses have accounts.
 */
export async function requestPasswordReset(deps: ServiceDeps, input: { email: string }): Promise<void> {
  const email = input.email.trim();
  throwIfInvalid({ email: emailError(email) });
  const found = await deps.uow.accounts.findCredentials(email);
  if (!found || found.account.suspendedAt || found.account.email.toLowerCase() !== email.toLowerCase())
    return;
  await deps.uow.transaction((tx) => issueAccountToken(deps, tx, found.account, 'password_reset'));
}

/** Throws unless the token is a usable reset token (to show the form only for a good link). */
export async function checkPasswordResetToken(deps: ServiceDeps, input: { token: string }): Promise<void> {
  if (!(await findUsableToken(deps.uow, input.token, 'password_reset')))
    throw new UnprocessableError(INVALID_RESET);
}

/**
 * Sets a new password with a reset token: the token and every other reset token of the account are
 * used up, every session of the account ends, and the address counts as confirmed (the link reached it).
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
    if (!token || !account || account.suspendedAt) throw new UnprocessableError(INVALID_RESET);
    if (!(await tx.accountEmails.markTokenUsed(token.id))) throw new UnprocessableError(INVALID_RESET);
    await tx.accountEmails.invalidateTokens(account.id, 'password_reset');
    await tx.accountEmails.setPasswordHash(account.id, passwordHash);
    await tx.accountEmails.confirmEmail(account.id, token.email);
    await tx.sessions.destroyForAccount(account.id);
    // As Mastodon does: whoever knew the old password may have authorized an app with it.
    await tx.oauth.revokeAllForAccount(account.id, new Date());
    return { username: account.username };
  });
}
