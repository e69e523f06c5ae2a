// What caused the work running now: a web request (its id) or a job (its id and task, and the
// request it came from). The job queue stamps the request id into every job enqueued under it, and a
// worker runs each job under its own origin, so one id ties a request to the jobs it caused, to the
// jobs those caused, and to their log lines. AsyncLocalStorage, because the id must reach the queue
// through services that know nothing of requests.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface Origin {
  requestId?: string;
  jobId?: string;
  task?: string;
}

const store = new AsyncLocalStorage<Origin>();

/** Runs `fn` (and everything it starts) under this origin. */
export function runWithOrigin<T>(origin: Origin, fn: () => T): T {
  return store.run(origin, fn);
}

/** The origin of the work running now, if any. */
export function currentOrigin(): Origin | undefined {
  return store.getStore();
}
