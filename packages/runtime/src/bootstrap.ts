// The composition root: every process (web, worker, CLI, tests) builds its services here.
import { createServices, type Services, type UnitOfWork } from '@microposts/core';
import {
  checkReadiness,
  connect,
  listenForChanges,
  migrate,
  readCache,
  unitOfWork,
  type ChangeFeed,
  type Db,
  type ReadCache,
  type Readiness,
} from '@microposts/db';
import type { Config } from './config.ts';
import { resolveDatabase } from './database.ts';
import { createLogger, type Logger } from './logger.ts';
import { createMailer, type SmtpMailer } from './mailer.ts';
import { imageHeaderReader } from './media/image-header-reader.ts';
import { sharpImageProcessor } from './media/image-processor.ts';
import { createStorage } from './storage/index.ts';

export interface App {
  config: Config;
  db: Db;
  databaseUrl: string;
  services: Services;
  /** The repositories, for operator tools and tests that set up data; processes use `services`. */
  uow: UnitOfWork;
  logger: Logger;
  /** The read cache, when this process keeps one (its hit and miss counts feed the metrics). */
  cache?: ReadCache | undefined;
  /** What this process hears of every committed change (with `cache`): the streaming API's events. */
  changes?: ChangeFeed | undefined;
  /** SMTP delivery (nodemailer); the worker's tasks send through it. */
  mailer: SmtpMailer;
  /** Whether this process can serve: PostgreSQL answers and no migration is pending (/readyz). */
  readiness(): Promise<Readiness>;
  /** Closes the pool (and stops an embedded server this process started). */
  close(): Promise<void>;
}

/** Connects to PostgreSQL, applies pending migrations and builds the services. */
export async function bootstrap(
  config: Config,
  options: {
    name?: string;
    migrate?: boolean;
    logger?: Logger;
    /** Keep a read cache, kept right by the change feed (web processes: they serve the hot reads). */
    cache?: boolean;
  } = {},
): Promise<App> {
  const logger = options.logger ?? createLogger(config, options.name ?? 'microposts');
  const { url, embedded } = await resolveDatabase(config);
  const db = connect(url);
  if (options.migrate !== false) await migrate(db);
  const mailer = createMailer(config);
  const feed = options.cache ? await listenForChanges(url, logger) : null;
  const cache = feed ? readCache(feed, config.readCacheEntries) : undefined;
  const uow = unitOfWork(db, cache);
  const services = createServices({
    uow,
    baseUrl: config.publicUrl,
    mailer,
    secretKey: config.secretKey,
    mentionEmailDelaySeconds: config.mentionEmailDelaySeconds,
    storage: await createStorage(config.media),
    // The web process reads headers only; sharp is loaded by the first image a worker processes.
    imageHeaders: imageHeaderReader(),
    images: sharpImageProcessor(),
    loginFailuresPerAccount: config.loginFailuresPerAccount,
  });
  return {
    config,
    db,
    databaseUrl: url,
    services,
    uow,
    logger,
    mailer,
    cache,
    changes: feed ?? undefined,
    readiness: () => checkReadiness(db),
    async close() {
      mailer.close();
      await feed?.close();
      await db.destroy();
      await embedded?.stop();
    },
  };
}
