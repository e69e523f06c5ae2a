import type { UnitOfWork } from '../../ports/unit-of-work.ts';
import type { MediaAttachment, MediaPurpose } from '../../types/media.ts';
import { requireActiveActor } from '../accounts/require-actor.ts';
import type { ServiceDeps } from '../deps.ts';
import { checkUploads, type CheckedUpload, type UploadItem } from './check-upload.ts';

/** Job attempts for one upload: a storage outage is retried; a bad image fails at once. */
const PROCESS_ATTEMPTS = 5;

/** Writes checked uploads and their processing jobs in the caller's transaction. */
export async function createUploads(
  tx: UnitOfWork,
  accountId: string,
  uploads: CheckedUpload[],
): Promise<MediaAttachment[]> {
  const created: MediaAttachment[] = [];
  for (const u of uploads) {
    const media = await tx.media.create({
      accountId,
      purpose: u.purpose,
      bytes: u.bytes,
      format: u.format,
      description: u.description,
      focus: u.focus,
    });
    await tx.jobs.enqueue(
      'process-media',
      { mediaId: media.id },
      { jobKey: `process-media:${media.id}`, maxAttempts: PROCESS_ATTEMPTS },
    );
    created.push(media);
  }
  return created;
}

/**
 * Uploads files for the actor: each is checked (size, the format its bytes say, its header's pixels),
 * then all are written, each with its processing job, in one transaction — all or none. The worker
 * makes them ready (or failed, with a reason).
 */
export async function uploadMedia(
  deps: ServiceDeps,
  input: { actorId: string; items: UploadItem[]; purpose?: MediaPurpose },
): Promise<MediaAttachment[]> {
  const checked = await checkUploads(deps, input.items, input.purpose ?? 'attachment');
  const actor = await requireActiveActor(deps.uow, input.actorId);
  return deps.uow.transaction((tx) => createUploads(tx, actor.id, checked));
}
