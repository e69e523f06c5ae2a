import { assertPayload } from '@microposts/core';
import type { TaskHandler } from '@microposts/db';
import type { TaskDeps } from './deps.ts';

/** Sends one mention e-mail, unless the checks at send time say not to. */
export const mentionEmail =
  (app: TaskDeps): TaskHandler =>
  async (payload) => {
    const input = assertPayload('mention-email', payload);
    const result = await app.services.mail.sendMentionEmail(input);
    app.logger.debug({ ...input, result }, 'mention e-mail');
  };
