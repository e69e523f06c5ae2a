import { Logger } from 'graphile-worker';

/** Minimal shape of a pino logger, so the data package needs no logger dependency. */
export interface LevelLogger {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

/** graphile-worker's logger writing into ours (its "warning" is pino's "warn"). */
export function workerLogger(log: LevelLogger): Logger {
  return new Logger((scope) => (level, message, meta) => {
    const fields = { ...scope, ...(meta ?? {}) };
    if (level === 'error') log.error(fields, message);
    else if (level === 'warning') log.warn(fields, message);
    else if (level === 'info') log.info(fields, message);
    else log.debug(fields, message);
  });
}

/** A graphile-worker logger that says nothing (for migrations, whose output nobody needs). */
export const silentWorkerLogger = new Logger(() => () => {});
