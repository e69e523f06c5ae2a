// Where pages find media files: under /media/ on this site (disk storage) or at the object
// storage's public URL (S3). Set once when the application is built (one configuration per process).
let base = '/media';

/** Sets the URL pages use for media files (buildApp calls it). */
export function setMediaBase(url: string): void {
  base = url.replace(/\/+$/, '');
}

/** The URL of a stored media file, as pages link it. */
export function mediaSrc(key: string): string {
  return `${base}/${key}`;
}
