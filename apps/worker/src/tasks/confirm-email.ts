import { assertPayload } from '@microposts/core';
import type { TaskHandler } from '@microposts/db';
import type { TaskDeps } from './deps.ts';

/** Sends the address confirmation e-mail of one token. */
export const confirmEmail =
  (app: TaskDeps): TaskHandler =>
  async (payload) => {
    await app.services.mail.sendConfirmationEmail(assertPayload('confirm-email', payload));
  };
