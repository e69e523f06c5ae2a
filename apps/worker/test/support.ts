// What the worker's end-to-end tests share besides test/support: counting the jobs still queued.
import type { SqlClient } from '../../../test/support/sql.ts';

/** Jobs still in the queue (any state), optionally of one task. */
export function queuedJobs(sql: SqlClient, task?: string): Promise<number> {
  return sql.count(
    `SELECT count(*) FROM graphile_worker.jobs WHERE ($1::text IS NULL OR task_identifier = $1)`,
    [task ?? null],
  );
}
