// The operator's view of the job queue.
import type { JobState } from '../../types/jobs.ts';
import type { ServiceDeps } from '../deps.ts';
import { listJobs, retryJobs } from './jobs.ts';

export function jobServices(deps: ServiceDeps) {
  return {
    list: (input: { state?: JobState; limit?: number } = {}) => listJobs(deps, input),
    /** How many jobs are queued, scheduled (waiting for their time or a retry), running and failed. */
    counts: () => deps.uow.jobs.counts(),
    /** Per task: jobs due and waiting, and the oldest one's wait in seconds (for the metrics). */
    backlog: () => deps.uow.jobs.backlog(),
    retry: (input: { ids: string[] }) => retryJobs(deps, input),
    /** Runs every failed job again now. */
    retryFailed: () => deps.uow.jobs.retryFailed(),
  };
}
