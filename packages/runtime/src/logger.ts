import { pino, type Logger } from 'pino';
import type { Config } from './config.ts';

// Query strings can carry secrets (password-reset and confirmation tokens, unsubscribe signatures,
// ?access_token=): the log keeps the parameter names and drops their values.
const SECRET_PARAMS = /([?&](?:token|access_token|sig|code|client_secret)=)[^&#]*/gi;

/** Removes the values of secret query parameters from a URL for logging. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1[redacted]');
}

interface LoggedRequest {
  method: string;
  url: string;
  host?: string;
  ip?: string;
}

/** The process logger: JSON lines, at the configured level. */
export function createLogger(config: Pick<Config, 'logLevel'>, name: string): Logger {
  return pino({
    level: config.logLevel,
    base: { process: name },
    serializers: {
      req: (req: LoggedRequest) => ({
        method: req.method,
        url: redactUrl(req.url),
        host: req.host,
        ip: req.ip,
      }),
    },
  });
}

export type { Logger };
