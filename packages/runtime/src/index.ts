// The mail catcher of `npm start` is an entry of its own, `@microposts/runtime/mail-catcher`, so that
// web and worker processes never load smtp-server and mailparser.
export { loadConfig, loadConfigOrExit, ConfigError, type Config } from './config.ts';
export { bootstrap, type App } from './bootstrap.ts';
export { createLogger, type Logger } from './logger.ts';
export { resolveDatabase } from './database.ts';
export { createMailer, type SmtpMailer } from './mailer.ts';
