// What an upload must be before anything is written: a file under the size limit whose bytes are
// an image we take, with a header we can read and no more pixels than the limit. Only the header is
// read here (the web process loads no image library); the full decode happens in the worker. This
// is the cheap part, so most bad files get their error at once, next to their field.
import { ValidationError } from '../../errors.ts';
import { ImageRejectedError } from '../../ports/media.ts';
import {
  descriptionError,
  FOCUS_ERROR,
  fileTooLargeMessage,
  IMAGE_SIZE_LIMIT,
  imageMatrixError,
  parseFocus,
  sniffImageFormat,
  uploadFormatError,
} from '../../rules/media-rules.ts';
import type { ImageFormat, MediaPurpose, UploadedFile } from '../../types/media.ts';
import type { ServiceDeps } from '../deps.ts';

/** One file to upload, with its alt text and focal point as given, and the field errors go under. */
export interface UploadItem {
  file: UploadedFile | undefined;
  description?: string | undefined;
  focus?: string | undefined;
  /** The form field of the file (default `file`); its description's and focus's errors use their own names. */
  field?: string | undefined;
  descriptionField?: string | undefined;
}

/** An upload that passed the checks. */
export interface CheckedUpload {
  bytes: Buffer;
  format: ImageFormat;
  description: string | null;
  focus: { x: number; y: number };
  purpose: MediaPurpose;
}

/** A file arrived cut at the size limit: the parser marks it so. */
export type SizedFile = UploadedFile & { tooLarge?: boolean };

/**
 * Checks every item and returns them checked, or throws one ValidationError with a message per bad
 * field (file_too_large when the only problem is a file over the limit).
 */
export async function checkUploads(
  deps: ServiceDeps,
  items: UploadItem[],
  purpose: MediaPurpose,
): Promise<CheckedUpload[]> {
  const errors: Record<string, string> = {};
  let tooLarge = false;
  const checked: CheckedUpload[] = [];
  for (const item of items) {
    const field = item.field ?? 'file';
    const descriptionField = item.descriptionField ?? 'description';
    const description = item.description?.trim() ? item.description.replace(/\r\n?/g, '\n') : null;
    const descError = description === null ? undefined : descriptionError(description);
    if (descError) errors[descriptionField] = descError;
    const focus = item.focus?.trim() ? parseFocus(item.focus) : { x: 0, y: 0 };
    if (!focus) errors.focus = FOCUS_ERROR;
    const file = item.file as SizedFile | undefined;
    if (!file) {
      errors[field] = 'Choose a file to upload.';
      continue;
    }
    if (file.tooLarge || file.bytes.length > IMAGE_SIZE_LIMIT) {
      errors[field] = fileTooLargeMessage();
      tooLarge = true;
      continue;
    }
    const found = formatOf(deps, file.bytes);
    if ('error' in found) {
      errors[field] = found.error;
      continue;
    }
    if (!descError && focus)
      checked.push({ bytes: file.bytes, format: found.format, description, focus, purpose });
  }
  if (Object.keys(errors).length > 0) {
    const onlySize = tooLarge && Object.values(errors).every((m) => m === fileTooLargeMessage());
    throw new ValidationError(errors, onlySize ? 'file_too_large' : 'validation_failed');
  }
  return checked;
}

// The format, or why the bytes are refused.
function formatOf(deps: ServiceDeps, bytes: Buffer): { format: ImageFormat } | { error: string } {
  const sniffed = sniffImageFormat(bytes);
  const refused = uploadFormatError(sniffed, bytes.length);
  if (refused || !sniffed || sniffed === 'heic' || sniffed === 'svg') return { error: refused! };
  try {
    const header = deps.imageHeaders.read(bytes);
    // The header is of the format the magic numbers said, or the file is not what it seems.
    if (header.format !== sniffed) return { error: uploadFormatError(null, bytes.length)! };
    const tooBig = imageMatrixError(header.width, header.height);
    return tooBig ? { error: tooBig } : { format: sniffed };
  } catch (error) {
    if (error instanceof ImageRejectedError) return { error: error.message };
    throw error;
  }
}
