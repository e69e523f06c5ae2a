// The job runner is an entry of its own, `@microposts/db/jobs` (worker processes only); its types are here too.
export { connect, type Db } from './connection.ts';
export { migrate } from './migrate.ts';
export { unitOfWork, repositories } from './unit-of-work.ts';
export { listenForChanges, CHANGES_CHANNEL, type ChangeFeed } from './cache/change-feed.ts';
export { readCache, noCache, type ReadCache } from './cache/read-cache.ts';
export {
  startEmbeddedPostgres,
  startTemporaryPostgres,
  freePort,
  type EmbeddedServer,
  type EmbeddedOptions,
  type TemporaryServer,
} from './embedded.ts';
export type { Database } from './schema.ts';
export type { JobRunner, JobRunnerOptions, TaskHandler, JobContext, JobOutcome } from './jobs/runner.ts';
export { runWithOrigin, currentOrigin, type Origin } from './jobs/origin.ts';
export { isDatabaseUnavailable } from './availability.ts';
export { checkReadiness, type Readiness } from './readiness.ts';
