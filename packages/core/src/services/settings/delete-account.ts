import { ForbiddenError, throwIfInvalid, ValidationError } from '../../errors.ts';
import { verifyPassword } from '../../security/password.ts';
import type { ServiceDeps } from '../deps.ts';

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
  const actor = await deps.uow.accounts.findById(input.actorId);
  if (!actor || actor.suspendedAt) throw new ForbiddenError('This account is suspended.');
  const hash = await deps.uow.accountSettings.passwordHash(actor.id);
  if (!hash || !(await verifyPassword(hash, input.password)))
    throw new ValidationError({ password: WRONG_PASSWORD });
  await deps.uow.transaction((tx) => tx.accountSettings.delete(actor.id));
}
