import { assertPayload } from '@microposts/core';
import type { TaskHandler } from '@microposts/db';
import type { TaskDeps } from './deps.ts';

/** Deletes the files of deleted media from storage (queued by the database as media rows go). */
export const mediaCleanup =
  (app: TaskDeps): TaskHandler =>
  async (payload) => {
    assertPayload('media-cleanup', payload);
    const deleted = await app.services.media.deleteReleasedFiles();
    app.logger.debug({ deleted }, 'media files deleted');
  };
