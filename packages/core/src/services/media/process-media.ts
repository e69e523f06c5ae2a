import { randomBytes } from 'node:crypto';
import { ImageRejectedError, type ProcessedMedia } from '../../ports/media.ts';
import type { MediaPurpose, ProcessedImage } from '../../types/media.ts';
import type { ServiceDeps } from '../deps.ts';

export type ProcessOutcome = 'ready' | 'failed' | 'gone' | 'superseded';

/** Said when storing failed on the last attempt (the cause is in the job's error for the operator). */
export const STORE_FAILED = 'The image could not be stored. Please upload it again.';

// Keys are random, so nobody can list or guess another's uploads; a key is never written twice,
// so its file may be cached forever.
function keysFor(purpose: MediaPurpose, image: ProcessedImage) {
  const token = randomBytes(16).toString('hex');
  if (purpose === 'attachment')
    return {
      fileKey: `attachments/${token}/original.${image.original.extension}`,
      previewKey: image.preview ? `attachments/${token}/small.${image.preview.extension}` : null,
    };
  return { fileKey: `${purpose}s/${token}.${image.original.extension}`, previewKey: null };
}

/**
 * The worker's half of an upload: decode, strip, orient, bound and re-encode the uploaded bytes
 * (the image processor), store the files, and record them — or record why the image was refused.
 * A refused image fails the upload for good; a storage failure is thrown (the job is retried) until
 * `finalAttempt`, when it fails the upload too. A profile picture becomes the account's at once.
 */
export async function processMedia(
  deps: ServiceDeps,
  input: { mediaId: string; finalAttempt: boolean },
): Promise<ProcessOutcome> {
  const { uow } = deps;
  const upload = await uow.media.pendingUpload(input.mediaId);
  if (!upload) return 'gone';
  let image: ProcessedImage;
  try {
    image = await deps.images.process(upload.bytes, upload.purpose);
  } catch (error) {
    if (!(error instanceof ImageRejectedError)) throw error;
    await uow.media.markFailed(input.mediaId, error.message);
    return 'failed';
  }
  const keys = keysFor(upload.purpose, image);
  const processed: ProcessedMedia = {
    ...keys,
    original: {
      width: image.original.width,
      height: image.original.height,
      bytes: image.original.bytes.length,
    },
    small: image.preview ? { width: image.preview.width, height: image.preview.height } : null,
    blurhash: image.blurhash,
  };
  let outcome: ProcessOutcome;
  try {
    await deps.storage.put(keys.fileKey, image.original.bytes, image.original.contentType);
    if (keys.previewKey && image.preview)
      await deps.storage.put(keys.previewKey, image.preview.bytes, image.preview.contentType);
    outcome = await uow.transaction(async (tx) => {
      if (!(await tx.media.markReady(input.mediaId, processed))) return 'gone';
      if (upload.purpose === 'attachment') return 'ready';
      // A profile picture replaces the one before; of two processed out of order, the newer wins.
      const others = await tx.media.otherProfileImages(upload.accountId, upload.purpose, input.mediaId);
      if (others.some((id) => BigInt(id) > BigInt(input.mediaId))) {
        await tx.media.delete([input.mediaId]);
        return 'superseded';
      }
      await tx.accounts.setProfileImage(upload.accountId, upload.purpose, keys.fileKey);
      await tx.media.delete(others);
      return 'ready';
    });
  } catch (error) {
    await deps.storage.delete([keys.fileKey, ...(keys.previewKey ? [keys.previewKey] : [])]).catch(() => {});
    if (!input.finalAttempt) throw error;
    await uow.media.markFailed(input.mediaId, STORE_FAILED);
    return 'failed';
  }
  // Nothing refers to the files of an upload deleted meanwhile.
  if (outcome === 'gone')
    await deps.storage.delete([keys.fileKey, ...(keys.previewKey ? [keys.previewKey] : [])]);
  return outcome;
}
