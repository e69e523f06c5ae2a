import { DomainError } from '../../errors.ts';
import { isId } from '../../ids.ts';
import { USERNAME_PATTERN } from '../../rules/account-rules.ts';
import type { Account, PublicAccount } from '../../types/accounts.ts';
import type { ServiceDeps } from '../deps.ts';

/** An account by username, ignoring case; suspended accounts are not found. */
export async function getAccountByUsername(deps: ServiceDeps, username: string): Promise<Account> {
  // A name no account can have is not looked up (a NUL byte would even be a database error).
  const account = USERNAME_PATTERN.test(username) ? await deps.uow.accounts.findByUsername(username) : null;
  if (!account || account.suspendedAt) throw new DomainError('not_found');
  return account;
}

/** An account by id; suspended accounts are not found. */
export async function getAccountById(deps: ServiceDeps, id: string): Promise<Account> {
  const account = isId(id) ? await deps.uow.accounts.findById(id) : null;
  if (!account || account.suspendedAt) throw new DomainError('not_found');
  return account;
}

/** The account with this id if it exists and is not suspended, else null. */
export async function findActiveAccount(deps: ServiceDeps, id: string): Promise<Account | null> {
  const account = isId(id) ? await deps.uow.accounts.findById(id) : null;
  return account && !account.suspendedAt ? account : null;
}

/** An active account by username, as its profile shows it (what anyone may see, counts included). */
export async function profile(deps: ServiceDeps, username: string): Promise<PublicAccount> {
  const {
    email: _e,
    emailConfirmedAt: _c,
    mentionEmails: _m,
    suspendedAt: _s,
    ...shown
  } = await getAccountByUsername(deps, username);
  return shown;
}
