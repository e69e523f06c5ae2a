// The job queue as services see it: enqueue inside the unit of work's transaction, plus the
// operator's view. packages/db implements it on graphile-worker's tables.
import type { JobPayloads, TaskName } from '../jobs/payloads.ts';
import type { EnqueueOptions, JobInfo, JobState } from '../types/jobs.ts';

export interface JobRepository {
  /** Adds a job in the current transaction (it runs only if that transaction commits). */
  enqueue<K extends TaskName>(task: K, payload: JobPayloads[K], options?: EnqueueOptions): Promise<void>;
  /**
   * Adds jobs of one task in the current transaction in one statement, each deduplicated by its key
   * as enqueue() does by default.
   */
  enqueueMany<K extends TaskName>(
    task: K,
    jobs: Array<{ payload: JobPayloads[K]; jobKey: string }>,
    options?: Pick<EnqueueOptions, 'runAt' | 'maxAttempts'>,
  ): Promise<void>;
  /** Removes waiting jobs with these keys (a running one finishes; its task re-checks). */
  remove(jobKeys: string[]): Promise<void>;
  /** Jobs in the queue, optionally of one state, oldest first. */
  list(options?: { state?: JobState; limit?: number }): Promise<JobInfo[]>;
  /** How many jobs are in each state. */
  counts(): Promise<Record<JobState, number>>;
  /** Per task: jobs due and waiting for a worker, and how long the oldest of them has waited. */
  backlog(): Promise<{ task: string; waiting: number; oldestSeconds: number }[]>;
  /** Makes jobs run again now with a fresh set of attempts; returns the ids found. */
  retry(ids: string[]): Promise<string[]>;
  /** Retries every job that has run out of attempts; returns their ids. */
  retryFailed(): Promise<string[]>;
  /** Makes a running job's current attempt its last, so its failure is final (malformed payloads). */
  giveUp(id: string): Promise<void>;
}
