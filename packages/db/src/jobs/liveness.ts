import { sql } from 'kysely';
import type { Db } from '../connection.ts';

/** application_name prefix of each worker pool's liveness connection. */
export const LIVENESS_PREFIX = 'microposts-worker:';

// A lock younger than this is left alone: a pool names its liveness connection a moment after it
// starts, and must not lose its first jobs to another worker's sweep in that moment.
const GRACE = '10 seconds';

/**
 * Releases jobs (and queues) locked by worker pools whose liveness connection is gone, so another
 * worker runs them now rather than after graphile-worker's 4-hour lock timeout. Returns the pool ids.
 */
export async function unlockDeadWorkers(db: Db): Promise<string[]> {
  const { rows } = await sql<{ locked_by: string }>`
    SELECT DISTINCT locked_by FROM graphile_worker._private_jobs
    WHERE locked_by IS NOT NULL AND locked_at < now() - ${GRACE}::interval
      AND ${sql.lit(LIVENESS_PREFIX)} || locked_by NOT IN (
        SELECT application_name FROM pg_stat_activity WHERE application_name LIKE ${LIVENESS_PREFIX + '%'}
      )`.execute(db);
  const ids = rows.map((r) => r.locked_by);
  if (ids.length > 0) await sql`SELECT graphile_worker.force_unlock_workers(${ids}::text[])`.execute(db);
  return ids;
}
