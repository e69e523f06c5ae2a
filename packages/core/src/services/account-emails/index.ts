// Links sent by e-mail that change an account: address confirmation and password reset.
import type { ServiceDeps } from '../deps.ts';
import { confirmEmail, resendConfirmation } from './email-confirmation.ts';
import {
  checkPasswordResetToken,
  issuePasswordReset,
  requestPasswordReset,
  resetPassword,
} from './password-reset.ts';

export function accountEmailServices(deps: ServiceDeps) {
  return {
    resendConfirmation: (input: { actorId: string }) => resendConfirmation(deps, input),
    confirm: (input: { token: string }) => confirmEmail(deps, input),
    requestPasswordReset: (input: { email: string }) => requestPasswordReset(deps, input),
    /** The worker's task for a reset request. */
    issuePasswordReset: (input: { email: string }) => issuePasswordReset(deps, input),
    checkPasswordResetToken: (input: { token: string }) => checkPasswordResetToken(deps, input),
    resetPassword: (input: { token: string; password: string }) => resetPassword(deps, input),
  };
}
