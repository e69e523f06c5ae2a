// Runs jobs: graphile-worker over our pool, with typed task handlers, a crontab, and recovery of
// jobs left locked by a worker process that died (SIGKILL, power loss).
import { EventEmitter } from 'node:events';
import pg from 'pg';
import { run, type Runner, type TaskList } from 'graphile-worker';
import { MalformedPayloadError } from '@microposts/core';
import { poolOf, type Db } from '../connection.ts';
import { jobRepository } from '../repositories/job-repository.ts';
import { workerLogger, type LevelLogger } from './worker-logger.ts';
import { unlockDeadWorkers, LIVENESS_PREFIX } from './liveness.ts';

/** What a task handler learns about the job it runs. */
export interface JobContext {
  id: string;
  attempts: number;
  maxAttempts: number;
}

/** A task: check the payload (throw MalformedPayloadError if it is wrong), then call a service. */
export type TaskHandler = (payload: unknown, job: JobContext) => Promise<void>;

export interface JobRunnerOptions {
  db: Db;
  databaseUrl: string;
  tasks: Record<string, TaskHandler>;
  /** graphile-worker crontab lines (`min hour dom month dow task ?opts payload`). */
  crontab: string;
  concurrency: number;
  logger: LevelLogger;
  /** How often dead workers' locks are looked for, in ms. */
  sweepIntervalMs?: number;
  /**
   * Called when the liveness connection drops while the process lives: other workers may now take
   * this one's jobs, so the process should stop (and be restarted) rather than run them twice.
   */
  onLivenessLost?: () => void;
}

export interface JobRunner {
  /** Finishes running jobs, then stops taking new ones. */
  stop(): Promise<void>;
}

/** Starts a worker pool; any number of them may run against one database. */
export async function startJobRunner(options: JobRunnerOptions): Promise<JobRunner> {
  const jobs = jobRepository(options.db);
  const taskList: TaskList = {};
  for (const [name, handler] of Object.entries(options.tasks)) {
    taskList[name] = async (payload, helpers) => {
      const job = {
        id: helpers.job.id,
        attempts: helpers.job.attempts,
        maxAttempts: helpers.job.max_attempts,
      };
      try {
        await handler(payload, job);
      } catch (error) {
        // Retrying a malformed payload cannot help: this attempt becomes the last, and the job
        // stays in the table, failed, with the error for the operator.
        if (error instanceof MalformedPayloadError) await jobs.giveUp(job.id);
        throw error;
      }
    };
  }

  // A dedicated connection named after the pool says "this worker is alive" for as long as the
  // process is: PostgreSQL drops it the moment the process dies, whatever killed it.
  const liveness = new pg.Client({ connectionString: options.databaseUrl });
  liveness.on('error', () => {});
  await liveness.connect();
  const events = new EventEmitter();
  let named: Promise<unknown> | null = null;
  events.on('pool:create', ({ workerPool }: { workerPool: { id: string } }) => {
    named = liveness.query(`SELECT set_config('application_name', $1, false)`, [
      `${LIVENESS_PREFIX}${workerPool.id}`,
    ]);
    named.catch(() => {});
  });
  let stopping = false;
  liveness.on('end', () => {
    if (stopping) return;
    options.logger.error({}, 'the worker lost its liveness connection to PostgreSQL');
    options.onLivenessLost?.();
  });

  const runner: Runner = await run({
    pgPool: poolOf(options.db),
    concurrency: options.concurrency,
    noHandleSignals: true,
    taskList,
    crontab: options.crontab,
    logger: workerLogger(options.logger),
    events: events as never,
    // With a long queue, the pool fetches (and locks) a few jobs at once and marks finished ones done
    // together: fewer round trips per job (bench: one worker drains mention e-mails about twice as fast).
    // Jobs a killed worker held are released by the sweep below like those it was running.
    preset: { worker: { localQueue: { size: options.concurrency + 1 }, completeJobBatchDelay: 0 } },
  });
  try {
    if (!named) throw new Error('graphile-worker did not report its worker pool');
    await named;
  } catch (error) {
    stopping = true;
    await runner.stop();
    throw error;
  }

  const sweep = async () => {
    try {
      const unlocked = await unlockDeadWorkers(options.db);
      if (unlocked.length > 0)
        options.logger.warn({ workers: unlocked }, 'released jobs locked by workers that died');
    } catch (error) {
      options.logger.warn({ err: error }, 'could not look for jobs of dead workers');
    }
  };
  await sweep();
  const timer = setInterval(() => void sweep(), options.sweepIntervalMs ?? 5000);
  timer.unref();

  return {
    async stop() {
      stopping = true;
      clearInterval(timer);
      await runner.stop();
      await liveness.end().catch(() => {});
    },
  };
}
