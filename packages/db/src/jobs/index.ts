// `@microposts/db/jobs`: the job runner, for worker processes only. It is an entry of its own so that
// the processes that only enqueue jobs (web, CLI) never load graphile-worker and what it brings.
export {
  startJobRunner,
  type JobRunner,
  type JobRunnerOptions,
  type TaskHandler,
  type JobContext,
  type JobOutcome,
} from './runner.ts';
export { unlockDeadWorkers } from './liveness.ts';
