import pg from 'pg';
import { sql } from 'kysely';
import type { Db } from '../connection.ts';
import type { LevelLogger } from './worker-logger.ts';

/** application_name prefix of each worker pool's liveness connection. */
export const LIVENESS_PREFIX = 'microposts-worker:';

// A lock younger than this is left alone: a pool names its liveness connection a moment after it
// starts, and must not lose its first jobs to another worker's sweep in that moment.
const GRACE = '10 seconds';

/**
 * Releases jobs (and queues) locked by worker pools whose liveness connection is gone, so another
 * worker runs them now rather than after graphile-worker's 4-hour lock timeout. A pool is released
 * only when it was already missing at the previous sweep (`missingBefore`): a worker whose
 * connection dropped (PostgreSQL restarted) reconnects within a second or two and keeps its jobs.
 * Returns the pools released and those missing now.
 */
export async function unlockDeadWorkers(
  db: Db,
  missingBefore: ReadonlySet<string> = new Set(),
): Promise<{ unlocked: string[]; missing: Set<string> }> {
  const { rows } = await sql<{ locked_by: string }>`
    SELECT DISTINCT locked_by FROM graphile_worker._private_jobs
    WHERE locked_by IS NOT NULL AND locked_at < now() - ${GRACE}::interval
      AND ${sql.lit(LIVENESS_PREFIX)} || locked_by NOT IN (
        SELECT application_name FROM pg_stat_activity WHERE application_name LIKE ${LIVENESS_PREFIX + '%'}
      )`.execute(db);
  const missing = new Set(rows.map((r) => r.locked_by));
  const unlocked = [...missing].filter((id) => missingBefore.has(id));
  if (unlocked.length > 0)
    await sql`SELECT graphile_worker.force_unlock_workers(${unlocked}::text[])`.execute(db);
  for (const id of unlocked) missing.delete(id);
  return { unlocked, missing };
}

export interface Liveness {
  /** Names the connection after the worker pool (now and after every reconnection). */
  name(poolId: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * A dedicated connection, named after the worker pool, that says "this worker is alive" for as long
 * as the process is: PostgreSQL drops it the moment the process dies, whatever killed it. When it
 * drops while the process lives (PostgreSQL restarted), it is opened again, retrying every second.
 */
export async function keepLiveness(url: string, logger: LevelLogger): Promise<Liveness> {
  let appName: string | undefined;
  let client: pg.Client | null = null;
  let closed = false;
  let lostAt = 0;

  const open = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url, application_name: appName });
    c.on('error', () => {});
    await c.connect();
    if (closed) return void (await c.end().catch(() => {}));
    client = c;
    c.once('end', () => {
      client = null;
      if (closed) return;
      lostAt = Date.now();
      logger.warn({}, 'the worker lost its liveness connection to PostgreSQL; reconnecting');
      void reopen();
    });
  };
  const reopen = async (): Promise<void> => {
    for (let attempt = 0; !closed; attempt++) {
      await new Promise((r) => setTimeout(r, Math.min(1000, 100 * 2 ** attempt)));
      try {
        await open();
        logger.info({ downMs: Date.now() - lostAt }, 'the worker reconnected its liveness connection');
        return;
      } catch {
        // still down: try again
      }
    }
  };

  await open();
  return {
    async name(poolId) {
      appName = `${LIVENESS_PREFIX}${poolId}`;
      await client?.query(`SELECT set_config('application_name', $1, false)`, [appName]);
    },
    async close() {
      closed = true;
      await client?.end().catch(() => {});
    },
  };
}
