import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileMigrationProvider, Migrator, type MigrationResult } from 'kysely/migration';
import { runMigrations } from 'graphile-worker';
import { poolOf, type Db } from './connection.ts';
import { silentWorkerLogger } from './jobs/worker-logger.ts';

const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * Applies every pending numbered migration in order, then graphile-worker's own migrations (the
 * job queue's schema), so every process and the test template have both; throws if one fails.
 */
export async function migrate(db: Db): Promise<MigrationResult[]> {
  const migrator = new Migrator({
    db,
    provider: new FileMigrationProvider({ fs, path, migrationFolder: folder }),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  await runMigrations({ pgPool: poolOf(db), logger: silentWorkerLogger });
  return results ?? [];
}
