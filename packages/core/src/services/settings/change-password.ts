import { ForbiddenError, throwIfInvalid, ValidationError } from '../../errors.ts';
import { passwordError } from '../../rules/account-rules.ts';
import { hashPassword, verifyPassword } from '../../security/password.ts';
import type { ServiceDeps } from '../deps.ts';

export interface ChangePasswordInput {
  actorId: string;
  currentPassword: string;
  newPassword: string;
  /** The stored (hashed) id of the session making the change: it stays; every other session ends. */
  keepSessionId?: string | undefined;
}

export const WRONG_CURRENT_PASSWORD = 'Current password is incorrect.';

/** Changes the actor's password after checking the current one, and ends the actor's other sessions. */
export async function changePassword(deps: ServiceDeps, input: ChangePasswordInput): Promise<void> {
  throwIfInvalid({
    current_password: input.currentPassword ? undefined : 'Enter your current password.',
    new_password: passwordError(input.newPassword),
  });
  const actor = await deps.uow.accounts.findById(input.actorId);
  if (!actor || actor.suspendedAt) throw new ForbiddenError('This account is suspended.');
  const current = await deps.uow.accountSettings.passwordHash(actor.id);
  if (!current || !(await verifyPassword(current, input.currentPassword)))
    throw new ValidationError({ current_password: WRONG_CURRENT_PASSWORD });
  if (input.newPassword === input.currentPassword)
    throw new ValidationError({ new_password: 'The new password must differ from the current one.' });
  const passwordHash = await hashPassword(input.newPassword);
  await deps.uow.transaction(async (tx) => {
    await tx.accountSettings.setPasswordHash(actor.id, passwordHash);
    await tx.sessions.destroyForAccount(actor.id, input.keepSessionId);
  });
}
