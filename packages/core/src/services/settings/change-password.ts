import { throwIfInvalid, ValidationError } from '../../errors.ts';
import { passwordError } from '../../rules/account-rules.ts';
import { hashPassword, verifyPassword } from '../../security/password.ts';
import { requireActiveActor } from '../accounts/require-actor.ts';
import { setPassword } from '../accounts/set-password.ts';
import type { Account } from '../../types/accounts.ts';
import type { ServiceDeps } from '../deps.ts';

export interface ChangePasswordInput {
  actorId: string;
  currentPassword: string;
  newPassword: string;
  /** The stored (hashed) id of the session making the change: it stays; every other session ends. */
  keepSessionId?: string | undefined;
}

export const WRONG_CURRENT_PASSWORD = 'Current password is incorrect.';

/**
 * Changes the actor's password after checking the current one; the actor's other sessions end and
 * every app they authorized loses its tokens (someone who took the account over keeps nothing).
 */
export async function changePassword(deps: ServiceDeps, input: ChangePasswordInput): Promise<void> {
  throwIfInvalid({
    current_password: input.currentPassword ? undefined : 'Enter your current password.',
    new_password: passwordError(input.newPassword),
  });
  const actor = await requireActiveActor(deps.uow, input.actorId);
  await checkPassword(deps, actor, input.currentPassword, 'current_password', WRONG_CURRENT_PASSWORD);
  if (input.newPassword === input.currentPassword)
    throw new ValidationError({ new_password: 'The new password must differ from the current one.' });
  const passwordHash = await hashPassword(input.newPassword);
  await deps.uow.transaction((tx) =>
    setPassword(tx, actor, passwordHash, { keepSessionId: input.keepSessionId }),
  );
}

/** Throws a ValidationError on `field` unless `password` is the account's password. */
export async function checkPassword(
  deps: ServiceDeps,
  account: Account,
  password: string,
  field: string,
  message: string,
): Promise<void> {
  const found = await deps.uow.accounts.findCredentials(account.username);
  if (!found || !(await verifyPassword(found.passwordHash, password)))
    throw new ValidationError({ [field]: message });
}
