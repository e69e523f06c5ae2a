// Media: image attachments of statuses, and the pictures of profiles (avatar, header).

/** What an upload is for: a status's attachment, or the account's avatar or header. */
export type MediaPurpose = 'attachment' | 'avatar' | 'header';

/** processing: waiting for the worker; ready: files stored; failed: the worker refused it (see error). */
export type MediaState = 'processing' | 'ready' | 'failed';

/** The image formats an upload may be, as its bytes say (never as its name or header claims). */
export type ImageFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'avif';

/** A stored image's size in pixels. */
export interface ImageSize {
  width: number;
  height: number;
}

/** An image attachment as statuses and the media API show it. */
export interface MediaAttachment {
  id: string;
  accountId: string;
  /** The status it belongs to, or null while it is an upload not yet posted. */
  statusId: string | null;
  state: MediaState;
  /** Why the worker refused it (state failed), in words for people. */
  error: string | null;
  /** Alt text; null when none was given. */
  description: string | null;
  /** The focal point, each from -1 to 1 (Mastodon's focus). */
  focus: { x: number; y: number };
  /** Storage keys of the processed files (null until ready). */
  fileKey: string | null;
  previewKey: string | null;
  /** Sizes of the processed original and preview (null until ready). */
  original: (ImageSize & { bytes: number }) | null;
  small: ImageSize | null;
  blurhash: string | null;
  createdAt: Date;
}

/** A file as it arrived: its bytes and what the client said it is (which decides nothing). */
export interface UploadedFile {
  bytes: Buffer;
  /** The name the client gave it, for messages only. */
  filename?: string | undefined;
  /** The MIME type the client claimed; the bytes decide. */
  mimetype?: string | undefined;
}

/** One processed image file. */
export interface ImageFile extends ImageSize {
  bytes: Buffer;
  contentType: string;
  /** The file name extension of its format (`jpg`, `png`). */
  extension: string;
}

/** What the image processor makes of an upload. */
export interface ProcessedImage {
  original: ImageFile;
  /** The small preview (attachments only). */
  preview: ImageFile | null;
  blurhash: string;
}

/** Disk space media take, by kind (the operator's `media` command). */
export interface MediaUsage {
  attachments: { count: number; bytes: number };
  /** Uploads not (yet) posted with a status. */
  unattached: { count: number; bytes: number };
  profileImages: { count: number };
  /** What the storage holds: files and bytes. */
  stored: { files: number; bytes: number };
}
