// The job queue as the operator sees it.

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
