import type { UnitOfWork } from '../ports/unit-of-work.ts';
import type { Mailer } from '../ports/mailer.ts';
import type { ImageHeaderReader, ImageProcessor, MediaStorage } from '../ports/media.ts';

/** What every service gets from the composition root. */
export interface ServiceDeps {
  uow: UnitOfWork;
  /** The public URL, without a trailing slash; used in rendered links. */
  baseUrl: string;
  /** Sends e-mail (SMTP); only the worker's tasks call it. */
  mailer: Mailer;
  /** SECRET_KEY: signs e-mailed links (unsubscribe, confirmation, password reset). */
  secretKey: string;
  /** MENTION_EMAIL_DELAY: seconds a mention e-mail waits, so a read or a delete can cancel it. */
  mentionEmailDelaySeconds: number;
  /** Where media files are stored (disk or S3); the worker writes and deletes, the CLI lists. */
  storage: MediaStorage;
  /** Reads uploads' headers (format, size): the web process's check, with no image library loaded. */
  imageHeaders: ImageHeaderReader;
  /** The image library (sharp): only the worker decodes and processes uploads. */
  images: ImageProcessor;
  /** RATE_LIMIT_LOGIN_ACCOUNT: failed log-ins an account takes in an hour, from any address. */
  loginFailuresPerAccount: number;
}
