import { ForbiddenError } from '../../errors.ts';
import { isId } from '../../pagination.ts';
import type { Repositories } from '../../ports/repositories.ts';
import type { Account } from '../../types.ts';

/** The acting account, or ForbiddenError when it is gone or suspended: a suspended account does nothing. */
export async function requireActiveActor(repos: Repositories, actorId: string): Promise<Account> {
  const actor = isId(actorId) ? await repos.accounts.findById(actorId) : null;
  if (!actor || actor.suspendedAt) throw new ForbiddenError('This account is suspended.');
  return actor;
}
