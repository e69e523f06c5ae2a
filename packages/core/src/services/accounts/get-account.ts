import { NotFoundError } from '../../errors.ts';
import { isId } from '../../pagination.ts';
import { USERNAME_PATTERN } from '../../rules/account-rules.ts';
import type { Account } from '../../types.ts';
import type { ServiceDeps } from '../deps.ts';

/** An account by username, ignoring case; suspended accounts are not found. */
export async function getAccountByUsername(deps: ServiceDeps, username: string): Promise<Account> {
  // A name no account can have is not looked up (a NUL byte would even be a database error).
  const account = USERNAME_PATTERN.test(username) ? await deps.uow.accounts.findByUsername(username) : null;
  if (!account || account.suspendedAt) throw new NotFoundError();
  return account;
}

/** An account by id; suspended accounts are not found. */
export async function getAccountById(deps: ServiceDeps, id: string): Promise<Account> {
  const account = isId(id) ? await deps.uow.accounts.findById(id) : null;
  if (!account || account.suspendedAt) throw new NotFoundError();
  return account;
}

/** The account with this id if it exists and is not suspended, else null. */
export async function findActiveAccount(deps: ServiceDeps, id: string): Promise<Account | null> {
  const account = await deps.uow.accounts.findById(id);
  return account && !account.suspendedAt ? account : null;
}
