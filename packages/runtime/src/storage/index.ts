// The media storage this configuration asks for: one interface (core's MediaStorage), two drivers.
// They live here, beside the SMTP mailer, as adapters of core's ports that are not SQL: the data
// package is the database's, and the apps must not choose drivers.
import type { MediaStorage } from '@microposts/core';
import type { MediaConfig } from '../config.ts';
import { diskStorage } from './disk-storage.ts';
import { s3Storage } from './s3-storage.ts';

export function createStorage(media: MediaConfig): MediaStorage {
  return media.storage === 's3' && media.s3 ? s3Storage(media.s3) : diskStorage(media.dir);
}

export { diskStorage, s3Storage };
