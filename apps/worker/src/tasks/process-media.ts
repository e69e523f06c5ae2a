import { assertPayload } from '@microposts/core';
import type { TaskHandler } from '@microposts/db';
import type { TaskDeps } from './deps.ts';

/**
 * Processes one upload. A bad image marks the upload failed (with its reason) and the job succeeds;
 * a storage failure is retried, and on the last attempt fails the upload too.
 */
export const processMedia =
  (app: TaskDeps): TaskHandler =>
  async (payload, job) => {
    const { mediaId } = assertPayload('process-media', payload);
    const started = performance.now();
    const outcome = await app.services.media.process({
      mediaId,
      finalAttempt: job.attempts >= job.maxAttempts,
    });
    app.logger.info({ mediaId, outcome, ms: Math.round(performance.now() - started) }, 'media processed');
  };
