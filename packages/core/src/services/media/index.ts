// Media: uploads (checked at once, processed by the worker), their alt text and focal point, and
// keeping storage in step with the rows.
import type { ServiceDeps } from '../deps.ts';
import type { MediaPurpose } from '../../types/media.ts';
import { awaitProcessed } from './await-processed.ts';
import type { UploadItem } from './check-upload.ts';
import { deleteReleasedFiles, mediaUsage, purgeUnattached, removeOrphans } from './maintenance.ts';
import { deleteMedia, getOwnMedia, updateMedia, type UpdateMediaInput } from './own-media.ts';
import { processMedia } from './process-media.ts';
import { uploadMedia } from './upload.ts';

export function mediaServices(deps: ServiceDeps) {
  return {
    /** Checks and stores uploads (all or none), each with its processing job. */
    upload: (input: { actorId: string; items: UploadItem[]; purpose?: MediaPurpose }) =>
      uploadMedia(deps, input),
    /** The media once processed (ready or failed), or as they are after `timeoutMs`. */
    awaitProcessed: (ids: string[], timeoutMs: number) => awaitProcessed(deps, ids, timeoutMs),
    get: (input: { actorId: string; mediaId: string }) => getOwnMedia(deps, input),
    update: (input: UpdateMediaInput) => updateMedia(deps, input),
    delete: (input: { actorId: string; mediaId: string }) => deleteMedia(deps, input),
    /** The worker's processing of one upload. */
    process: (input: { mediaId: string; finalAttempt: boolean }) => processMedia(deps, input),
    /** Deletes the files of deleted media from storage. */
    deleteReleasedFiles: () => deleteReleasedFiles(deps),
    purgeUnattached: (now?: Date) => purgeUnattached(deps, now),
    usage: () => mediaUsage(deps),
    removeOrphans: (options?: { dryRun?: boolean; now?: Date }) => removeOrphans(deps, options),
  };
}
