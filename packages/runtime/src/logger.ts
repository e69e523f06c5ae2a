import { createRequire } from 'node:module';
import { pino, type DestinationStream, type Logger } from 'pino';
import type PinoPretty from 'pino-pretty';
import { currentOrigin } from '@microposts/db';
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

// pino-pretty (about 30 modules) only for a terminal: processes whose output is a pipe or journald,
// as web processes under systemd or the benchmark, never load it.
const loadPretty = () => createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;

/**
 * The process logger at the configured level: JSON lines (what journald and log shippers want), or
 * coloured readable lines when the output is a terminal (a person running `npm start`).
 */
export function createLogger(
  config: Pick<Config, 'logLevel'>,
  name: string,
  output: NodeJS.WritableStream & { isTTY?: boolean; fd?: number } = process.stdout,
): Logger {
  const destination: DestinationStream | undefined = output.isTTY
    ? loadPretty()({
        destination: output,
        sync: true,
        colorize: true,
        translateTime: 'SYS:HH:MM:ss.l',
        ignore: 'hostname,process',
        messageFormat: '{process}: {msg}',
      })
    : output === process.stdout
      ? undefined // pino's own fast writer on standard output
      : (output as DestinationStream);
  return pino(
    {
      level: config.logLevel,
      base: { process: name },
      // A job's lines name the job, its task and the request that caused it (see jobs/origin.ts).
      mixin: () => {
        const origin = currentOrigin();
        return origin?.jobId ? origin : {};
      },
      serializers: {
        req: (req: LoggedRequest) => ({
          method: req.method,
          url: redactUrl(req.url),
          host: req.host,
          ip: req.ip,
        }),
      },
    },
    destination,
  );
}

export type { Logger };
