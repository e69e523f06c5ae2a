// The media storage this configuration asks for: one interface (core's MediaStorage), two drivers.
// They live here, beside the SMTP mailer, as adapters of core's ports that are not SQL: the data
// package is the database's, and the apps must not choose drivers.
import type { MediaStorage } from '@microposts/core';
import type { MediaConfig } from '../config.ts';
import { diskStorage } from './disk-storage.ts';

/**
 * The driver this configuration asks for. The S3 one is imported only when configured: the AWS SDK
 * costs a process about 30 MiB of memory (docs/performance.md).
 */
export async function createStorage(media: MediaConfig): Promise<MediaStorage> {
  if (media.storage === 's3' && media.s3) return (await import('./s3-storage.ts')).s3Storage(media.s3);
  return diskStorage(media.dir);
}

export { diskStorage };
