import { ValidationError } from '../../errors.ts';
import { isId } from '../../ids.ts';
import type { JobInfo, JobState } from '../../types/jobs.ts';
import type { ServiceDeps } from '../deps.ts';

/** Jobs in the queue for the operator, optionally of one state. */
export function listJobs(
  deps: ServiceDeps,
  input: { state?: JobState; limit?: number } = {},
): Promise<JobInfo[]> {
  return deps.uow.jobs.list(input);
}

/** Runs jobs again now with fresh attempts; an id that is not in the queue (or running) is an error. */
export async function retryJobs(deps: ServiceDeps, input: { ids: string[] }): Promise<string[]> {
  const bad = input.ids.filter((id) => !isId(id));
  if (bad.length > 0) throw new ValidationError({ id: `Not a job id: ${bad.join(', ')}` });
  const retried = await deps.uow.jobs.retry(input.ids);
  const missing = input.ids.filter((id) => !retried.includes(id));
  if (missing.length > 0)
    throw new ValidationError({ id: `No such job waiting to run: ${missing.join(', ')}` });
  return retried;
}
