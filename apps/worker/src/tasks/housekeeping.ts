import { assertPayload } from '@microposts/core';
import type { TaskHandler } from '@microposts/db';
import type { TaskDeps } from './deps.ts';

/** Purges expired sessions, e-mail tokens, OAuth codes and rate-limit counters. */
export const housekeeping =
  (app: TaskDeps): TaskHandler =>
  async (payload) => {
    assertPayload('housekeeping', payload);
    const purged = await app.services.housekeeping.purgeExpired();
    app.logger.info({ purged }, 'housekeeping');
  };
