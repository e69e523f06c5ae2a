import { DomainError } from '../../errors.ts';
import { verifyDummy, verifyPassword } from '../../security/password.ts';
import type { Account } from '../../types/accounts.ts';
import type { ServiceDeps } from '../deps.ts';

export interface AuthenticateInput {
  /** Username or e-mail address. */
  login: string;
  password: string;
}

/** Checks credentials; unknown accounts and wrong passwords fail alike, suspended ones say so. */
export async function authenticate(deps: ServiceDeps, input: AuthenticateInput): Promise<Account> {
  const login = input.login.trim().replace(/^@/, '');
  const found = login ? await deps.uow.accounts.findCredentials(login) : null;
  const ok = found
    ? await verifyPassword(found.passwordHash, input.password)
    : await verifyDummy(input.password);
  if (!found || !ok) throw new DomainError('invalid_credentials');
  // Right password, but the account may not log in: still a refused log-in, with the reason.
  if (found.account.suspendedAt) throw new DomainError('invalid_credentials', 'This account is suspended.');
  return found.account;
}
