export { loadConfig, loadConfigOrExit, ConfigError, type Config, type MediaConfig } from './config.ts';
export { createStorage, diskStorage, s3Storage } from './storage/index.ts';
export { sharpImageProcessor } from './media/image-processor.ts';
export { bootstrap, type App } from './bootstrap.ts';
export { createLogger, type Logger } from './logger.ts';
export { resolveDatabase } from './database.ts';
export { startMailCatcher, type MailCatcher } from './mail-catcher.ts';
export { createMailer, type SmtpMailer } from './mailer.ts';
