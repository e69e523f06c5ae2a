// Operator actions (the CLI): suspend, unsuspend and list accounts.
import { DomainError, ValidationError } from '../../errors.ts';
import type { AccountListRequest } from '../../ports/accounts.ts';
import type { Account } from '../../types/accounts.ts';
import type { ServiceDeps } from '../deps.ts';

export const ACCOUNT_LIST_MAX = 1000;

/** An account by username (with or without @), suspended or not; `not_found` otherwise. */
export async function findByUsername(deps: ServiceDeps, username: string): Promise<Account> {
  const name = username.trim().replace(/^@/, '');
  const account = name ? await deps.uow.accounts.findByUsername(name) : null;
  if (!account) throw new DomainError('not_found', `No account is called @${name}.`);
  return account;
}

/**
 * Suspends an account: it can no longer log in, its statuses are hidden everywhere, its sessions
 * end and its app tokens are revoked now (lifting the suspension brings none of them back).
 * Returns the account and whether it changed (suspending twice is harmless).
 */
export async function suspendAccount(
  deps: ServiceDeps,
  username: string,
): Promise<{ account: Account; changed: boolean }> {
  const found = await findByUsername(deps, username);
  if (found.suspendedAt) return { account: found, changed: false };
  const account = await deps.uow.transaction(async (tx) => {
    const updated = await tx.accounts.setSuspended(found.id, true);
    await tx.sessions.destroyForAccount(found.id);
    await tx.oauth.revokeAllForAccount(found.id, new Date());
    return updated;
  });
  return { account, changed: true };
}

/** Lifts a suspension; its statuses show again and it can log in. Unsuspending twice is harmless. */
export async function unsuspendAccount(
  deps: ServiceDeps,
  username: string,
): Promise<{ account: Account; changed: boolean }> {
  const found = await findByUsername(deps, username);
  if (!found.suspendedAt) return { account: found, changed: false };
  const account = await deps.uow.transaction((tx) => tx.accounts.setSuspended(found.id, false));
  return { account, changed: true };
}

/** Accounts newest first, optionally only suspended or only active ones. */
export async function listAccounts(deps: ServiceDeps, request: AccountListRequest): Promise<Account[]> {
  if (!Number.isInteger(request.limit) || request.limit < 1 || request.limit > ACCOUNT_LIST_MAX)
    throw new ValidationError({ limit: `Limit must be a whole number from 1 to ${ACCOUNT_LIST_MAX}.` });
  return deps.uow.accounts.list(request);
}
