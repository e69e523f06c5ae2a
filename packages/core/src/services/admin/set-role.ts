import { ValidationError } from '../../errors.ts';
import { ACCOUNT_ROLES, isAccountRole } from '../../rules/report-rules.ts';
import type { Account } from '../../types/accounts.ts';
import type { ServiceDeps } from '../deps.ts';
import { findByUsername } from './moderation.ts';

/**
 * Gives an account a role (npm run cli -- accounts role): `moderator` and `admin` see and resolve
 * reports, `user` takes that away. Every process sees the change at its next request (the read cache
 * drops the account when its row changes). Setting the role it has is harmless.
 */
export async function setAccountRole(
  deps: ServiceDeps,
  username: string,
  role: string,
): Promise<{ account: Account; changed: boolean }> {
  if (!isAccountRole(role))
    throw new ValidationError({ role: `Role must be one of: ${ACCOUNT_ROLES.join(', ')}.` });
  const found = await findByUsername(deps, username);
  if (found.role === role) return { account: found, changed: false };
  const account = await deps.uow.transaction((tx) => tx.accounts.setRole(found.id, role));
  return { account, changed: true };
}
