import { DomainError } from '../../errors.ts';
import { isId } from '../../ids.ts';
import type { Repositories } from '../../ports/unit-of-work.ts';
import type { Account } from '../../types/accounts.ts';

/** The acting account; `account_suspended` when it is gone or suspended: such an account does nothing. */
export async function requireActiveActor(repos: Repositories, actorId: string): Promise<Account> {
  const actor = isId(actorId) ? await repos.accounts.findById(actorId) : null;
  if (!actor || actor.suspendedAt) throw new DomainError('account_suspended');
  return actor;
}
