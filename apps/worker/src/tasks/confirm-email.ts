import { assertPayload } from '@microposts/core';
import type { TaskHandler } from '@microposts/db';
import type { App } from '@microposts/runtime';

/** Sends the address confirmation e-mail of one token. */
export const confirmEmail =
  (app: App): TaskHandler =>
  async (payload) => {
    await app.services.mail.sendConfirmationEmail(assertPayload('confirm-email', payload));
  };
