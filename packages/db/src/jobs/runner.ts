// Runs jobs: graphile-worker with typed task handlers and a crontab, recovery of jobs left locked by
// a worker process that died (SIGKILL, power loss), and a worker that rides out database restarts.
import { EventEmitter } from 'node:events';
import { run, type Runner, type TaskList } from 'graphile-worker';
import { MalformedPayloadError } from '@microposts/core';
import { isDatabaseUnavailable } from '../availability.ts';
import type { Db } from '../connection.ts';
import { jobRepository } from '../repositories/job-repository.ts';
import { workerLogger, type LevelLogger } from './worker-logger.ts';
import { keepLiveness, unlockDeadWorkers } from './liveness.ts';
import { patientPool } from './patient-pool.ts';
import { runWithOrigin } from './origin.ts';

/** What a task handler learns about the job it runs. */
export interface JobContext {
  id: string;
  attempts: number;
  maxAttempts: number;
}

/** How one run of a job ended: done, failed (to be retried, or for good), or malformed (given up). */
export type JobOutcome = 'completed' | 'failed' | 'malformed';

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
   * Called if graphile-worker stops on its own (it could not record a job's outcome): the process
   * should exit and be restarted; the job is released by the other workers' sweep and runs again.
   */
  onFatal?: (error: unknown) => void;
  /** Told of every run of a job: its task, how it ended and how long it took (for the metrics). */
  onJobDone?: (task: string, outcome: JobOutcome, seconds: number) => void;
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
      const requestId = (payload as { requestId?: unknown } | null)?.requestId;
      const origin = {
        requestId: typeof requestId === 'string' ? requestId : undefined,
        jobId: job.id,
        task: name,
      };
      const started = performance.now();
      const done = (outcome: JobOutcome) =>
        options.onJobDone?.(name, outcome, (performance.now() - started) / 1000);
      try {
        await runWithOrigin(origin, () => handler(payload, job));
        done('completed');
      } catch (error) {
        // Retrying a malformed payload cannot help: this attempt becomes the last, and the job
        // stays in the table, failed, with the error for the operator.
        const malformed = error instanceof MalformedPayloadError;
        done(malformed ? 'malformed' : 'failed');
        if (malformed) await jobs.giveUp(job.id);
        throw error;
      }
    };
  }

  const liveness = await keepLiveness(options.databaseUrl, options.logger);
  const events = new EventEmitter();
  let named: Promise<unknown> | null = null;
  events.on('pool:create', ({ workerPool }: { workerPool: { id: string } }) => {
    named = liveness.name(workerPool.id);
    named.catch(() => {});
  });
  const pool = patientPool(options.databaseUrl, options.concurrency + 2, options.logger);

  let stopping = false;
  const giveUp = async (error: unknown, runner?: Runner): Promise<never> => {
    stopping = true;
    await runner?.stop();
    await liveness.close();
    await pool.end();
    throw error;
  };
  const runner = await run({
    pgPool: pool,
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
  }).catch((error: unknown) => giveUp(error));
  try {
    if (!named) throw new Error('graphile-worker did not report its worker pool');
    await named;
  } catch (error) {
    await giveUp(error, runner);
  }
  runner.promise.then(
    () => {
      if (!stopping) options.onFatal?.(new Error('graphile-worker stopped on its own'));
    },
    (error: unknown) => {
      if (!stopping) options.onFatal?.(error);
    },
  );

  let missing = new Set<string>();
  const sweep = async () => {
    try {
      const result = await unlockDeadWorkers(options.db, missing);
      missing = result.missing;
      if (result.unlocked.length > 0)
        options.logger.warn({ workers: result.unlocked }, 'released jobs locked by workers that died');
    } catch (error) {
      // While PostgreSQL restarts, the liveness connection's own messages say enough.
      if (!isDatabaseUnavailable(error))
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
      pool.impatient = true;
      await runner.stop();
      await liveness.close();
      await pool.end();
    },
  };
}
