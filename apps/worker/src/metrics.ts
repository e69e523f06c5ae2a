// Prometheus metrics of one worker process: jobs run by task and outcome, their durations, and the
// queue as every worker sees it (jobs due and waiting per task, the oldest one's wait), with the
// process's memory, event-loop lag and GC. Served on 127.0.0.1:WORKER_METRICS_PORT only, as the web
// process's /metrics answers only on loopback: a scraper on the host, never the internet.
import http from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { JobOutcome } from '@microposts/db';
import { ConfigError } from '@microposts/runtime';
import type { TaskDeps } from './tasks/deps.ts';

export interface WorkerMetrics {
  onJobDone(task: string, outcome: JobOutcome, seconds: number): void;
  /** Serves /metrics on 127.0.0.1:port; resolves once listening. */
  listen(port: number): Promise<void>;
  close(): Promise<void>;
}

export function workerMetrics(app: TaskDeps): WorkerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const runs = new Counter({
    name: 'worker_jobs_total',
    help: 'Runs of jobs by task and outcome (completed, failed, malformed)',
    labelNames: ['task', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'worker_job_duration_seconds',
    help: 'Duration of job runs by task',
    labelNames: ['task'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10, 60],
    registers: [registry],
  });
  // Read from the queue when scraped: one small query, and the same figures from every worker.
  let backlog: Promise<{ task: string; waiting: number; oldestSeconds: number }[]> | null = null;
  const readBacklog = () =>
    (backlog ??= app.services.jobs.backlog().finally(() => setImmediate(() => (backlog = null))));
  new Gauge({
    name: 'worker_queue_depth',
    help: 'Jobs due and waiting for a worker, by task',
    labelNames: ['task'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await readBacklog()) this.set({ task: row.task }, row.waiting);
    },
  });
  new Gauge({
    name: 'worker_oldest_job_age_seconds',
    help: 'How long the oldest job due has waited for a worker, by task (0: none waiting)',
    labelNames: ['task'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await readBacklog()) this.set({ task: row.task }, row.oldestSeconds);
    },
  });

  const server = http.createServer((request, response) => {
    if (request.url !== '/metrics') return response.writeHead(404).end();
    registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (error: unknown) => {
        app.logger.warn({ err: error }, 'could not collect metrics');
        response.writeHead(503).end();
      },
    );
  });
  return {
    onJobDone(task, outcome, seconds) {
      runs.inc({ task, outcome });
      duration.observe({ task }, seconds);
    },
    listen: (port) =>
      new Promise((resolve, reject) => {
        server.once('error', (error: NodeJS.ErrnoException) =>
          reject(
            error.code === 'EADDRINUSE'
              ? new ConfigError(
                  `WORKER_METRICS_PORT ${port} is already in use on 127.0.0.1; set another port`,
                )
              : error,
          ),
        );
        server.listen(port, '127.0.0.1', () => resolve());
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
