import { assertPayload } from '@microposts/core';
import type { TaskHandler } from '@microposts/db';
import type { App } from '@microposts/runtime';

/** Sends the password reset e-mail of one token. */
export const passwordResetEmail =
  (app: App): TaskHandler =>
  async (payload) => {
    await app.services.mail.sendPasswordResetEmail(assertPayload('password-reset-email', payload));
  };
