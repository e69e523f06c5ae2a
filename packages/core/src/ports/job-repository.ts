// The job queue as services see it: enqueue inside the unit of work's transaction, plus the
// operator's view. packages/db implements it on graphile-worker's tables.
import type { JobPayloads, TaskName } from '../jobs/payloads.ts';

export interface EnqueueOptions {
  /** Deduplicates: while a job with this key exists, enqueueing again does not add a second one. */
  jobKey?: string;
  /**
   * What a second enqueue with the same key does: 'dedupe' (default) keeps the existing job as it
   * is; 'replace' updates its payload and run time (when it is not running).
   */
  jobKeyMode?: 'dedupe' | 'replace';
  runAt?: Date;
  maxAttempts?: number;
}

export type JobState = 'queued' | 'scheduled' | 'running' | 'failed';

export interface JobInfo {
  id: string;
  task: string;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  runAt: Date;
  lastError: string | null;
  key: string | null;
  payload: unknown;
  createdAt: Date;
}

export interface JobRepository {
  /** Adds a job in the current transaction (it runs only if that transaction commits). */
  enqueue<K extends TaskName>(task: K, payload: JobPayloads[K], options?: EnqueueOptions): Promise<void>;
  /** Removes waiting jobs with these keys (a running one finishes; its task re-checks). */
  remove(jobKeys: string[]): Promise<void>;
  /** Jobs in the queue, optionally of one state, oldest first. */
  list(options?: { state?: JobState; limit?: number }): Promise<JobInfo[]>;
  /** How many jobs are in each state. */
  counts(): Promise<Record<JobState, number>>;
  /** Makes jobs run again now with a fresh set of attempts; returns the ids found. */
  retry(ids: string[]): Promise<string[]>;
  /** Retries every job that has run out of attempts; returns their ids. */
  retryFailed(): Promise<string[]>;
  /** Makes a running job's current attempt its last, so its failure is final (malformed payloads). */
  giveUp(id: string): Promise<void>;
}
