import { accountToken, accountTokenHash } from '../../mail/links.ts';
import type { UnitOfWork } from '../../ports/unit-of-work.ts';
import { hashToken, randomId } from '../../security/signing.ts';
import type { Account, AccountToken, AccountTokenPurpose } from '../../types/accounts.ts';
import type { ServiceDeps } from '../deps.ts';

const LIFETIME_MS: Record<AccountTokenPurpose, number> = {
  confirm_email: 3 * 24 * 3600 * 1000,
  password_reset: 3600 * 1000,
};

const TASK = { confirm_email: 'confirm-email', password_reset: 'password-reset-email' } as const;

/**
 * Stores a new token for the account (as a hash) and enqueues the e-mail that carries it, in the
 * caller's transaction. Confirmation e-mails replace a pending one; reset e-mails are one per token.
 */
export async function issueAccountToken(
  deps: ServiceDeps,
  tx: UnitOfWork,
  account: Account,
  purpose: AccountTokenPurpose,
): Promise<void> {
  const id = randomId();
  await tx.accountTokens.create({
    id,
    accountId: account.id,
    purpose,
    email: account.email,
    tokenHash: accountTokenHash(deps.secretKey, id),
    expiresAt: new Date(Date.now() + LIFETIME_MS[purpose]),
  });
  const jobKey = purpose === 'confirm_email' ? `confirm-email:${account.id}` : `password-reset-email:${id}`;
  await tx.jobs.enqueue(TASK[purpose], { tokenId: id }, { jobKey, jobKeyMode: 'replace' });
}

/** The e-mailed token of a row (the task that sends it needs it back). */
export function tokenFor(deps: ServiceDeps, tokenId: string): string {
  return accountToken(deps.secretKey, tokenId);
}

/** The unused, unexpired token of this purpose that a link carries, or null. */
export async function findUsableToken(
  uow: UnitOfWork,
  token: string,
  purpose: AccountTokenPurpose,
): Promise<AccountToken | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const found = await uow.accountTokens.findByHash(hashToken(token));
  if (!found || found.purpose !== purpose || found.usedAt || found.expiresAt.getTime() <= Date.now())
    return null;
  return found;
}
