import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedOptions, type EmbeddedServer } from '@microposts/db';
import type { Config } from './config.ts';

/** The database URL to use: DATABASE_URL, or the embedded server under $DATA_DIR/pg (started if needed). */
export async function resolveDatabase(
  config: Config,
  options: Pick<EmbeddedOptions, 'onExit'> = {},
): Promise<{ url: string; embedded: EmbeddedServer | null }> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: null };
  const embedded = await startEmbeddedPostgres(path.join(config.dataDir, 'pg'), options);
  return { url: embedded.url, embedded };
}
