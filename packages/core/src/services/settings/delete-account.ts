import { throwIfInvalid } from '../../errors.ts';
import { requireActiveActor } from '../accounts/require-actor.ts';
import type { ServiceDeps } from '../deps.ts';
import { checkPassword } from './change-password.ts';

export const WRONG_PASSWORD = 'Password is incorrect.';

/**
 * Deletes the actor's account after checking the password; its statuses, sessions and everything
 * else it owns go with it (foreign keys cascade).
 */
export async function deleteAccount(
  deps: ServiceDeps,
  input: { actorId: string; password: string },
): Promise<void> {
  throwIfInvalid({ password: input.password ? undefined : 'Enter your password to confirm.' });
  const actor = await requireActiveActor(deps.uow, input.actorId);
  await checkPassword(deps, actor, input.password, 'password', WRONG_PASSWORD);
  await deps.uow.transaction((tx) => tx.accounts.delete(actor.id));
}
