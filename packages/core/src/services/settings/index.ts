// A person's own settings: profile, e-mail preferences, password, deleting the account.
import type { ServiceDeps } from '../deps.ts';
import { changePassword, type ChangePasswordInput } from './change-password.ts';
import { deleteAccount } from './delete-account.ts';
import { updateProfile, type UpdateProfileInput } from './update-profile.ts';

export function settingsServices(deps: ServiceDeps) {
  return {
    /** Display name, bio, mention e-mails; each only when given (also API update_credentials). */
    updateProfile: (input: UpdateProfileInput) => updateProfile(deps, input),
    changePassword: (input: ChangePasswordInput) => changePassword(deps, input),
    deleteAccount: (input: { actorId: string; password: string }) => deleteAccount(deps, input),
  };
}
