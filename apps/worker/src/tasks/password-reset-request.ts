import { assertPayload } from '@microposts/core';
import type { TaskHandler } from '@microposts/db';
import type { TaskDeps } from './deps.ts';

/** Looks up the address of a reset request and, if an active account has it, issues the link. */
export const passwordResetRequest =
  (app: TaskDeps): TaskHandler =>
  async (payload) => {
    const issued = await app.services.accountEmails.issuePasswordReset(
      assertPayload('password-reset-request', payload),
    );
    app.logger.debug({ issued }, 'password reset request');
  };
