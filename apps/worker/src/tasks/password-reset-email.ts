import { assertPayload } from '@microposts/core';
import type { TaskHandler } from '@microposts/db';
import type { TaskDeps } from './deps.ts';

/** Sends the password reset e-mail of one token. */
export const passwordResetEmail =
  (app: TaskDeps): TaskHandler =>
  async (payload) => {
    await app.services.mail.sendPasswordResetEmail(assertPayload('password-reset-email', payload));
  };
