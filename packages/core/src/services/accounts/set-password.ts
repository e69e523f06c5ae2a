import type { UnitOfWork } from '../../ports/unit-of-work.ts';
import type { Account } from '../../types/accounts.ts';

export interface SetPasswordOptions {
  /** The stored (hashed) id of a session that stays logged in; every other session ends. */
  keepSessionId?: string | undefined;
}

/**
 * The one way a password changes (settings and reset alike): the new hash, every other session of
 * the account ended, and every app token and unused code revoked, as Mastodon does, so whoever
 * knew the old password keeps no access. Runs in the caller's transaction.
 */
export async function setPassword(
  tx: UnitOfWork,
  account: Pick<Account, 'id'>,
  passwordHash: string,
  options: SetPasswordOptions = {},
): Promise<void> {
  await tx.accounts.setPasswordHash(account.id, passwordHash);
  await tx.sessions.destroyForAccount(account.id, options.keepSessionId);
  await tx.oauth.revokeAllForAccount(account.id, new Date());
}
