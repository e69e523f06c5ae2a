// Media as services see it: the rows (MediaRepository, in packages/db), the files (MediaStorage,
// one interface with a disk and an S3 driver in packages/runtime), the header reader the web process
// checks uploads with (ImageHeaderReader, no image library) and the image library the worker
// processes them with (ImageProcessor, sharp), both in packages/runtime.
import type {
  ImageFormat,
  ImageSize,
  MediaAttachment,
  MediaPurpose,
  MediaUsage,
  ProcessedImage,
} from '../types/media.ts';

export interface NewUpload {
  accountId: string;
  purpose: MediaPurpose;
  /** The bytes as uploaded: kept in the row, never served, until the worker has processed them. */
  bytes: Buffer;
  format: ImageFormat;
  description: string | null;
  focus: { x: number; y: number };
}

/** What processing stored for an upload. */
export interface ProcessedMedia {
  fileKey: string;
  previewKey: string | null;
  original: ImageSize & { bytes: number };
  small: ImageSize | null;
  blurhash: string;
}

/** The media_attachments table and the files it releases. */
export interface MediaRepository {
  create(input: NewUpload): Promise<MediaAttachment>;
  findById(id: string): Promise<(MediaAttachment & { purpose: MediaPurpose }) | null>;
  /** The uploaded bytes of an upload still processing, or null (gone, or processed already). */
  pendingUpload(id: string): Promise<{ bytes: Buffer; purpose: MediaPurpose; accountId: string } | null>;
  /** Records the stored files and drops the uploaded bytes; false when the upload went meanwhile. */
  markReady(id: string, processed: ProcessedMedia): Promise<boolean>;
  /** Records why processing refused the upload and drops its bytes. */
  markFailed(id: string, error: string): Promise<void>;
  /** Changes alt text and focal point; absent fields stay. */
  update(
    id: string,
    changes: { description?: string | null; focus?: { x: number; y: number } },
  ): Promise<void>;
  /**
   * Makes exactly these (in this order) the media of a status: the account's own ready uploads
   * that belong to no status, or media the status has already; media the status had and `ids`
   * leaves out are deleted. Returns how many of `ids` it attached (fewer: some did not qualify).
   */
  setStatusMedia(statusId: string, accountId: string, ids: string[]): Promise<number>;
  /** Deletes media rows (their files are released for deletion). */
  delete(ids: string[]): Promise<void>;
  /** The ready profile images (avatar or header) of an account other than `keepId`, to delete. */
  otherProfileImages(accountId: string, purpose: 'avatar' | 'header', keepId: string): Promise<string[]>;
  /** Deletes uploads created before `before` that no status uses and no profile shows; returns how many. */
  purgeUnattached(before: Date): Promise<number>;
  /** Storage keys released by deleted media, waiting to be deleted from storage (at most `limit`). */
  releasedKeys(limit: number): Promise<string[]>;
  /** Forgets released keys once their files are deleted. */
  forgetReleased(keys: string[]): Promise<void>;
  /** Which of these storage keys a row still refers to (or are waiting to be deleted). */
  knownKeys(keys: string[]): Promise<Set<string>>;
  /** Counts and bytes by kind, from the rows. */
  usage(): Promise<Omit<MediaUsage, 'stored'>>;
}

/** One stored file, as the storage lists it. */
export interface StoredFile {
  key: string;
  bytes: number;
  modifiedAt: Date;
}

/** Where media files live: keys like `attachments/<random>/original.jpg`, public at url(key). */
export interface MediaStorage {
  /** Stores a file under a key (keys are never reused: a file, once written, never changes). */
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** A file's bytes, or null when there is none. */
  get(key: string): Promise<Buffer | null>;
  /** Deletes files; keys with no file are fine. */
  delete(keys: string[]): Promise<void>;
  /** Every stored file, in pages. */
  list(): AsyncIterable<StoredFile[]>;
}

/** An image the processor refuses, with a reason for people (`not an image`, `truncated`). */
export class ImageRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageRejectedError';
  }
}

/** What an image's header says: its format and its size in pixels, as shown (EXIF orientation applied). */
export interface ImageHeader {
  format: ImageFormat;
  width: number;
  height: number;
}

/**
 * Reads an upload's header without decoding it (nor loading an image library): the web process's
 * check. Throws ImageRejectedError when the bytes hold no header of a format we take that it reads.
 */
export interface ImageHeaderReader {
  read(bytes: Buffer): ImageHeader;
}

/** The image library (the worker's), behind a port so core needs none. */
export interface ImageProcessor {
  /**
   * Decodes, auto-orients, strips all metadata, bounds the size and re-encodes, within limits of
   * pixels, time and memory; throws ImageRejectedError for an image it cannot or will not process.
   */
  process(bytes: Buffer, purpose: MediaPurpose): Promise<ProcessedImage>;
}
