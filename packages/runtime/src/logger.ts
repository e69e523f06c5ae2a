import { pino, type Logger } from 'pino';
import type { Config } from './config.ts';

/** The process logger: JSON lines, at the configured level. */
export function createLogger(config: Pick<Config, 'logLevel'>, name: string): Logger {
  return pino({ level: config.logLevel, base: { process: name } });
}

export type { Logger };
