// The composition root: every process (web, worker, CLI, tests) builds its services here.
import { createServices, type Services } from '@microposts/core';
import { connect, migrate, unitOfWork, type Db } from '@microposts/db';
import type { Config } from './config.ts';
import { resolveDatabase } from './database.ts';
import { createLogger, type Logger } from './logger.ts';

export interface App {
  config: Config;
  db: Db;
  databaseUrl: string;
  services: Services;
  logger: Logger;
  /** Closes the pool (and stops an embedded server this process started). */
  close(): Promise<void>;
}

/** Connects to PostgreSQL, applies pending migrations and builds the services. */
export async function bootstrap(
  config: Config,
  options: { name?: string; migrate?: boolean; logger?: Logger } = {},
): Promise<App> {
  const logger = options.logger ?? createLogger(config, options.name ?? 'microposts');
  const { url, embedded } = await resolveDatabase(config);
  const db = connect(url);
  if (options.migrate !== false) await migrate(db);
  const services = createServices({ uow: unitOfWork(db), baseUrl: config.publicUrl });
  return {
    config,
    db,
    databaseUrl: url,
    services,
    logger,
    async close() {
      await db.destroy();
      await embedded?.stop();
    },
  };
}
