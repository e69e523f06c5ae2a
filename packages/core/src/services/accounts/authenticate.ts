import { createHash } from 'node:crypto';
import { DomainError } from '../../errors.ts';
import { verifyDummy, verifyPassword } from '../../security/password.ts';
import type { Account } from '../../types/accounts.ts';
import type { ServiceDeps } from '../deps.ts';

export interface AuthenticateInput {
  /** Username or e-mail address. */
  login: string;
  password: string;
}

/** The window of the per-account limit on failed log-ins (as Mastodon's, an hour). */
export const LOGIN_FAILURE_WINDOW_MS = 3600 * 1000;

/**
 * Checks credentials; unknown accounts and wrong passwords fail alike, suspended ones say so.
 *
 * Failed attempts are counted per account, whatever addresses they come from (the per-address
 * limits are the web edge's): each attempt is counted before the password is checked, so parallel
 * guesses cannot all slip under the limit, and given back when the password was right. A name
 * that is no account is counted the same way (under a hash of the name), so both cost the same.
 */
export async function authenticate(deps: ServiceDeps, input: AuthenticateInput): Promise<Account> {
  const login = input.login.trim().replace(/^@/, '');
  const found = login ? await deps.uow.accounts.findCredentials(login) : null;
  const key = found
    ? `login-account:${found.account.id}`
    : `login-account:?${createHash('sha256').update(login.toLowerCase()).digest('base64url')}`;
  const attempt = { key, windowMs: LOGIN_FAILURE_WINDOW_MS };
  const [counted] = await deps.uow.rateLimits.add([{ ...attempt, hits: 1 }]);
  if (counted!.count > deps.loginFailuresPerAccount) {
    const minutes = Math.max(1, Math.ceil((counted!.resetAt.getTime() - Date.now()) / 60_000));
    throw new DomainError(
      'rate_limited',
      `Too many failed log-ins to this account. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    );
  }
  const ok = found
    ? await verifyPassword(found.passwordHash, input.password)
    : await verifyDummy(input.password);
  if (!found || !ok) throw new DomainError('invalid_credentials');
  await deps.uow.rateLimits.add([{ ...attempt, hits: -1 }]);
  // Right password, but the account may not log in: still a refused log-in, with the reason.
  if (found.account.suspendedAt) throw new DomainError('invalid_credentials', 'This account is suspended.');
  return found.account;
}
