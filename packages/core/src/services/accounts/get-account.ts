import { NotFoundError } from '../../errors.ts';
import type { Account } from '../../types.ts';
import type { ServiceDeps } from '../deps.ts';

/** An account by username, ignoring case; suspended accounts are not found. */
export async function getAccountByUsername(deps: ServiceDeps, username: string): Promise<Account> {
  const account = await deps.uow.accounts.findByUsername(username);
  if (!account || account.suspendedAt) throw new NotFoundError();
  return account;
}

/** An account by id; suspended accounts are not found. */
export async function getAccountById(deps: ServiceDeps, id: string): Promise<Account> {
  const account = /^\d{1,19}$/.test(id) ? await deps.uow.accounts.findById(id) : null;
  if (!account || account.suspendedAt) throw new NotFoundError();
  return account;
}

/** The account with this id if it exists and is not suspended, else null. */
export async function findActiveAccount(deps: ServiceDeps, id: string): Promise<Account | null> {
  const account = await deps.uow.accounts.findById(id);
  return account && !account.suspendedAt ? account : null;
}
