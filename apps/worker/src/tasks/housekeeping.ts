import { assertPayload } from '@microposts/core';
import type { TaskHandler } from '@microposts/db';
import type { App } from '@microposts/runtime';

/** Purges expired sessions, e-mail tokens and OAuth codes. */
export const housekeeping =
  (app: App): TaskHandler =>
  async (payload) => {
    assertPayload('housekeeping', payload);
    const purged = await app.services.housekeeping.purgeExpired();
    app.logger.info({ purged }, 'housekeeping');
  };
