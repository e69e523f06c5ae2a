// `npm run start:worker`: one worker process (run any number of them), configured by the environment.
import { bootstrap, loadConfigOrExit } from '@microposts/runtime';
import { startJobRunner, type JobRunner } from '@microposts/db/jobs';
import { taskHandlers } from './tasks/index.ts';
import { crontab } from './schedules.ts';

const config = loadConfigOrExit();
const app = await bootstrap(config, { name: 'worker' });
let runner: JobRunner | null = null;
let stopping = false;
async function shutdown(reason: string, code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  app.logger.info({ reason }, 'worker stopping');
  await runner?.stop();
  await app.close();
  process.exit(code);
}

// Graceful stop: running jobs finish (or fail and are retried later), then the process exits.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown(signal, 0));

runner = await startJobRunner({
  db: app.db,
  databaseUrl: app.databaseUrl,
  tasks: taskHandlers(app),
  crontab,
  concurrency: config.workerConcurrency,
  logger: app.logger,
  // Without it other workers may take this one's jobs: stop, and let the supervisor restart us.
  onLivenessLost: () => void shutdown('lost the liveness connection', 1),
});
if (stopping)
  await runner.stop(); // a signal came while it started
else app.logger.info({ concurrency: config.workerConcurrency }, 'microposts worker is running');
