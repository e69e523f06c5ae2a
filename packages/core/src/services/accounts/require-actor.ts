import { ForbiddenError } from '../../errors.ts';
import type { Repositories } from '../../ports/repositories.ts';
import type { Account } from '../../types.ts';

/** The acting account, or ForbiddenError when it is gone or suspended: a suspended account does nothing. */
export async function requireActiveActor(repos: Repositories, actorId: string): Promise<Account> {
  const actor = /^\d{1,19}$/.test(actorId) ? await repos.accounts.findById(actorId) : null;
  if (!actor || actor.suspendedAt) throw new ForbiddenError('This account is suspended.');
  return actor;
}

// isId lives with the cursors in pagination.ts: it also refuses ids past PostgreSQL's bigint range
// (9999999999999999999 used to be a 500). Re-exported so existing imports keep working.
export { isId } from '../../pagination.ts';
