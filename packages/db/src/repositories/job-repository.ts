import { sql } from 'kysely';
import { isId, type JobInfo, type JobRepository, type JobState } from '@microposts/core';
import type { Db } from '../connection.ts';
import { currentOrigin } from '../jobs/origin.ts';

interface JobRow {
  id: string;
  task: string;
  attempts: number;
  max_attempts: number;
  run_at: Date;
  last_error: string | null;
  key: string | null;
  payload: unknown;
  created_at: Date;
  locked_at: Date | null;
}

function stateOf(row: JobRow): JobState {
  if (row.locked_at) return 'running';
  if (row.attempts >= row.max_attempts) return 'failed';
  return row.run_at.getTime() > Date.now() ? 'scheduled' : 'queued';
}

const STATE_WHERE: Record<JobState, ReturnType<typeof sql>> = {
  running: sql`j.locked_at IS NOT NULL`,
  failed: sql`j.locked_at IS NULL AND j.attempts >= j.max_attempts`,
  scheduled: sql`j.locked_at IS NULL AND j.attempts < j.max_attempts AND j.run_at > now()`,
  queued: sql`j.locked_at IS NULL AND j.attempts < j.max_attempts AND j.run_at <= now()`,
};

// Wakes idle workers at once (graphile-worker's own channel) instead of at their next poll.
const notifyWorkers = sql`SELECT pg_notify('jobs:insert', '{"r":0,"count":1}')`;

/**
 * The job queue on graphile-worker's tables. enqueue() writes the job on the given
 * connection, so inside a unit-of-work transaction the job commits or rolls back with the change.
 */
export function jobRepository(db: Db): JobRepository {
  return {
    async enqueue(task, payload, options = {}) {
      // 'unsafe_dedupe' keeps an existing job with the key whatever its state: a retried transaction
      // or a second enqueue can never make a second e-mail. (Only "unsafe" for jobs whose payload
      // changes, which is what 'replace' is for.)
      const mode = options.jobKeyMode === 'replace' ? 'replace' : 'unsafe_dedupe';
      // The request (or the job's request) it comes from, for the logs of whatever runs it.
      const requestId = currentOrigin()?.requestId;
      const json = JSON.stringify(requestId ? { ...payload, requestId } : payload);
      if (mode === 'replace' && options.jobKey) {
        await sql`SELECT graphile_worker.add_job(
          identifier => ${task},
          payload => ${json}::json,
          run_at => ${options.runAt ?? null}::timestamptz,
          max_attempts => ${options.maxAttempts ?? null}::int,
          job_key => ${options.jobKey}::text,
          job_key_mode => 'replace'
        )`.execute(db);
        return;
      }
      // add_job without its NOTIFY inside the transaction: the workers are woken after the commit
      // (migration 0025), so this commit does not queue behind every other notifying one.
      await sql`SELECT microposts_enqueue_job(${task}, ${json}::json, ${options.runAt ?? null}::timestamptz,
        ${options.maxAttempts ?? null}::int, ${options.jobKey ?? null}::text)`.execute(db);
    },
    async enqueueMany(task, jobs, options = {}) {
      if (jobs.length === 0) return;
      const requestId = currentOrigin()?.requestId;
      const payloads = jobs.map((j) => JSON.stringify(requestId ? { ...j.payload, requestId } : j.payload));
      // One statement for all: a round trip costs more than the inserts.
      await sql`SELECT microposts_enqueue_job(${task}, j.payload, ${options.runAt ?? null}::timestamptz,
          ${options.maxAttempts ?? null}::int, j.job_key)
        FROM unnest(${payloads}::json[], ${jobs.map((j) => j.jobKey)}::text[]) AS j(payload, job_key)`.execute(
        db,
      );
    },
    async remove(jobKeys) {
      if (jobKeys.length === 0) return;
      await sql`SELECT graphile_worker.remove_job(k) FROM unnest(${jobKeys}::text[]) AS k`.execute(db);
    },
    async list(options = {}) {
      const rows = await sql<JobRow>`
        SELECT j.id::text AS id, t.identifier AS task, j.attempts, j.max_attempts, j.run_at, j.last_error,
               j.key, j.payload, j.created_at, j.locked_at
        FROM graphile_worker._private_jobs j
        JOIN graphile_worker._private_tasks t ON t.id = j.task_id
        WHERE ${options.state ? STATE_WHERE[options.state] : sql`true`}
        ORDER BY j.id
        LIMIT ${options.limit ?? 100}`.execute(db);
      return rows.rows.map((r): JobInfo => ({
        id: r.id,
        task: r.task,
        state: stateOf(r),
        attempts: r.attempts,
        maxAttempts: r.max_attempts,
        runAt: r.run_at,
        lastError: r.last_error,
        key: r.key,
        payload: r.payload,
        createdAt: r.created_at,
      }));
    },
    async counts() {
      const { rows } = await sql<Record<JobState, string>>`
        SELECT count(*) FILTER (WHERE ${STATE_WHERE.queued}) AS queued,
               count(*) FILTER (WHERE ${STATE_WHERE.scheduled}) AS scheduled,
               count(*) FILTER (WHERE ${STATE_WHERE.running}) AS running,
               count(*) FILTER (WHERE ${STATE_WHERE.failed}) AS failed
        FROM graphile_worker._private_jobs j`.execute(db);
      const r = rows[0]!;
      return { queued: +r.queued, scheduled: +r.scheduled, running: +r.running, failed: +r.failed };
    },
    async backlog() {
      const { rows } = await sql<{ task: string; waiting: string; oldest: number | null }>`
        SELECT t.identifier AS task, count(j.id) AS waiting,
               extract(epoch FROM now() - min(j.run_at))::float8 AS oldest
        FROM graphile_worker._private_tasks t
        LEFT JOIN graphile_worker._private_jobs j ON j.task_id = t.id AND ${STATE_WHERE.queued}
        GROUP BY t.identifier`.execute(db);
      return rows.map((r) => ({ task: r.task, waiting: +r.waiting, oldestSeconds: r.oldest ?? 0 }));
    },
    async retry(ids) {
      const valid = ids.filter(isId);
      if (valid.length === 0) return [];
      const rows = await sql<{ id: string }>`
        SELECT id::text AS id FROM graphile_worker.reschedule_jobs(${valid}::bigint[], run_at => now(), attempts => 0)
      `.execute(db);
      await notifyWorkers.execute(db);
      return rows.rows.map((r) => r.id);
    },
    async retryFailed() {
      const rows = await sql<{ id: string }>`
        SELECT id::text AS id FROM graphile_worker.reschedule_jobs(
          ARRAY(SELECT id FROM graphile_worker._private_jobs WHERE attempts >= max_attempts AND locked_at IS NULL),
          run_at => now(), attempts => 0)
      `.execute(db);
      await notifyWorkers.execute(db);
      return rows.rows.map((r) => r.id);
    },
    async giveUp(id) {
      await sql`UPDATE graphile_worker._private_jobs SET max_attempts = attempts WHERE id = ${id}::bigint`.execute(
        db,
      );
    },
  };
}
