import { assertPayload } from '@microposts/core';
import type { TaskHandler } from '@microposts/db';
import type { TaskDeps } from './deps.ts';

/** Closes a poll at its end and notifies its voters and author (enqueued with the status, run_at its end). */
export const pollExpiry =
  (app: TaskDeps): TaskHandler =>
  async (payload) => {
    const input = assertPayload('poll-expiry', payload);
    const result = await app.services.polls.close(input);
    app.logger.debug({ ...input, result }, 'poll expiry');
  };
