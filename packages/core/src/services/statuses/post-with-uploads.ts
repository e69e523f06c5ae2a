import { DomainError, throwIfInvalid, ValidationError } from '../../errors.ts';
import { PROCESSING_WAIT_MS } from '../../rules/media-rules.ts';
import { statusTextError, visibilityError } from '../../rules/status-rules.ts';
import type { Status } from '../../types/statuses.ts';
import type { ServiceDeps } from '../deps.ts';
import { awaitProcessed } from '../media/await-processed.ts';
import type { UploadItem } from '../media/check-upload.ts';
import { uploadMedia } from '../media/upload.ts';
import { createStatus, type CreateStatusInput } from './create-status.ts';

/**
 * The website's compose form: a status and its images in one request. The images are checked and
 * uploaded first and the answer waits for the worker to process them, so a file it refuses comes
 * back as an error next to its field and no status is written; images still processing when the
 * wait ends are attached anyway and show when ready. A status that cannot be written takes its
 * uploads with it.
 */
export async function postWithUploads(
  deps: ServiceDeps,
  input: Omit<CreateStatusInput, 'mediaIds' | 'acceptProcessingMedia'> & { uploads: UploadItem[] },
): Promise<Status> {
  if (input.uploads.length === 0) return createStatus(deps, input);
  if (input.poll) throw new DomainError('poll_with_media');
  // What can be refused without the files is refused before anyone waits for them.
  throwIfInvalid({
    text: statusTextError(input.text.trim(), { withMedia: true }),
    visibility: visibilityError(input.visibility || 'public'),
  });
  const uploaded = await uploadMedia(deps, { actorId: input.actorId, items: input.uploads });
  const ids = uploaded.map((m) => m.id);
  try {
    const done = await awaitProcessed(deps, ids, PROCESSING_WAIT_MS);
    const failed: Record<string, string> = {};
    done.forEach((m) => {
      if (m.state === 'failed') failed[input.uploads[ids.indexOf(m.id)]!.field ?? 'file'] = m.error!;
    });
    if (Object.keys(failed).length > 0) throw new ValidationError(failed);
    return await createStatus(deps, { ...input, mediaIds: ids, acceptProcessingMedia: true });
  } catch (error) {
    await deps.uow.transaction((tx) => tx.media.delete(ids));
    throw error;
  }
}
