// `npm run start:worker`: one worker process (run any number of them), configured by the environment.
import { bootstrap, exitOnStartupError, loadConfigOrExit, type App } from '@microposts/runtime';
import { startJobRunner, type JobRunner } from '@microposts/db/jobs';
import { taskHandlers } from './tasks/index.ts';
import { crontab } from './schedules.ts';
import { workerMetrics, type WorkerMetrics } from './metrics.ts';

const config = loadConfigOrExit();
let app: App | null = null;
let runner: JobRunner | null = null;
let metrics: WorkerMetrics | null = null;
let stopping = false;
async function shutdown(reason: string, code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  app?.logger.info({ reason }, 'worker stopping');
  await runner?.stop();
  await metrics?.close();
  await app?.close();
  process.exit(code);
}

// Graceful stop: running jobs finish (or fail and are retried later), then the process exits.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void shutdown(signal, 0));

try {
  app = await bootstrap(config, { name: 'worker' });
  const served = workerMetrics(app);
  if (config.workerMetricsPort > 0) {
    await served.listen(config.workerMetricsPort);
    metrics = served;
  }
  runner = await startJobRunner({
    db: app.db,
    databaseUrl: app.databaseUrl,
    tasks: taskHandlers(app),
    crontab,
    concurrency: config.workerConcurrency,
    logger: app.logger,
    onJobDone: served.onJobDone,
    // graphile-worker gave up (it could not record a job's outcome): exit and let the supervisor
    // (npm start, systemd) start a fresh worker; the other workers release the job for it.
    onFatal: (error) => {
      app?.logger.error({ err: error }, 'the job runner stopped');
      void shutdown('the job runner stopped', 1);
    },
  });
} catch (error) {
  if (!stopping) exitOnStartupError(error, config);
}
if (stopping)
  await runner?.stop(); // a signal came while it started
else app?.logger.info({ concurrency: config.workerConcurrency }, 'microposts worker is running');
