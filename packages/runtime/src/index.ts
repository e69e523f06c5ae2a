// The mail catcher of `npm start` is an entry of its own, `@microposts/runtime/mail-catcher`, so that
// web and worker processes never load smtp-server and mailparser.
export { loadConfig, loadConfigOrExit, ConfigError, type Config, type MediaConfig } from './config.ts';
export { createStorage, diskStorage } from './storage/index.ts';
export { WEB_NODE_ARGS, webProcessEnv } from './web-node-args.ts';
export { releaseMemoryWhenIdle } from './memory-release.ts';
export { imageHeaderReader } from './media/image-header-reader.ts';
export { sharpImageProcessor } from './media/image-processor.ts';
export { bootstrap, type App } from './bootstrap.ts';
export { createLogger, type Logger } from './logger.ts';
export { resolveDatabase } from './database.ts';
export { createMailer, type SmtpMailer } from './mailer.ts';
export { describeStartupError, exitOnStartupError } from './startup-errors.ts';
export { supervise, type ProcessSpec, type Supervisor } from './supervisor.ts';
// The web edge tells "PostgreSQL is away" (answer 503, retry soon) from a failure (500) with this.
export { isDatabaseUnavailable, type Readiness } from '@microposts/db';
// The web edge stamps each request's id on the work it causes (jobs included) with this.
export { runWithOrigin } from '@microposts/db';
