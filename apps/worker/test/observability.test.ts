// What an operator sees of the work a request causes: one request id from the request (nginx's
// X-Request-Id, or a fresh UUID) into its response, the jobs it enqueues and their log lines; and the
// worker's Prometheus metrics (jobs by task and outcome, durations, queue depth, oldest job's wait).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { freePort } from '@microposts/db';
import { testDatabase } from '../../../test/support/database.ts';
import { fixtures } from '../../../test/support/fixtures.ts';
import { startWeb, startWorker } from '../../../test/support/processes.ts';
import { startSmtp } from '../../../test/support/smtp.ts';
import { sqlClient } from '../../../test/support/sql.ts';
import { waitFor } from '../../../test/support/wait.ts';

const url = await testDatabase();
const sql = sqlClient(url);
const f = fixtures(url);
const ids = await f.accounts(['alice', 'bob']);
const token = await f.token(ids.alice!);
const smtp = await startSmtp();
const web = await startWeb(url);
const metricsPort = await freePort();
const worker = startWorker(url, {
  SMTP_URL: smtp.url,
  LOG_LEVEL: 'debug',
  WORKER_METRICS_PORT: String(metricsPort),
});
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const post = (text: string, headers: Record<string, string> = {}) =>
  fetch(`${web.url}/api/v1/statuses`, {
    method: 'POST',
    headers: { ...token.headers, 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ status: text }),
  });

/** The worker's JSON log lines with this message. */
const logLines = (msg: string) =>
  worker
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.msg === msg);

const metrics = async () => (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();

test('the request id nginx sends goes into the response, the job and the job’s log lines', async () => {
  const response = await post('Hello @bob', { 'x-request-id': 'f2b1c0de9a8b7c6d5e4f30211a2b3c4d' });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('x-request-id'), 'f2b1c0de9a8b7c6d5e4f30211a2b3c4d');
  const line = await waitFor(() => logLines('mention e-mail')[0], 'the mention e-mail job to log');
  assert.equal(line!.requestId, 'f2b1c0de9a8b7c6d5e4f30211a2b3c4d');
  assert.equal(line!.task, 'mention-email');
  assert.match(String(line!.jobId), /^\d+$/);
  await waitFor(() => smtp.to('bob@example.com').length === 1, 'the e-mail');
});

test('without a usable X-Request-Id, each request gets a fresh UUID', async () => {
  const ids = [];
  const given: Record<string, string>[] = [
    {},
    {},
    { 'x-request-id': 'bad id with spaces' },
    { 'x-request-id': 'short' },
  ];
  for (const headers of given) {
    const response = await fetch(`${web.url}/api/v1/timelines/public`, { headers });
    assert.equal(response.status, 200);
    ids.push(response.headers.get('x-request-id'));
  }
  for (const id of ids) assert.match(String(id), UUID);
  assert.equal(new Set(ids).size, ids.length, 'no two requests share an id');
});

test('worker metrics: runs by task and outcome, durations, queue depth and the oldest wait', async () => {
  // A malformed job (given up at once), and one no worker runs (it waits in the queue).
  await sql.rows(`SELECT graphile_worker.add_job('mention-email', '{"statusId": "x"}'::json)`);
  await sql.rows(
    `SELECT graphile_worker.add_job('nobody-runs-this', '{}'::json, run_at => now() - interval '90 seconds')`,
  );
  const text = await waitFor(async () => {
    const t = await metrics();
    return t.includes('worker_jobs_total{task="mention-email",outcome="malformed"} 1') ? t : null;
  }, 'the malformed run to be counted');
  assert.match(text, /^worker_jobs_total\{task="mention-email",outcome="completed"\} 1$/m);
  assert.match(text, /^worker_job_duration_seconds_count\{task="mention-email"\} 2$/m);
  assert.match(text, /^worker_queue_depth\{task="nobody-runs-this"\} 1$/m);
  assert.match(text, /^worker_queue_depth\{task="mention-email"\} 0$/m);
  const age = Number(/^worker_oldest_job_age_seconds\{task="nobody-runs-this"\} (\S+)$/m.exec(text)?.[1]);
  assert.ok(age >= 90 && age < 900, `the oldest job has waited about 90 s (${age})`);
  assert.match(text, /^process_resident_memory_bytes \d+/m);
  assert.equal((await fetch(`http://127.0.0.1:${metricsPort}/other`)).status, 404);
});

test('a WORKER_METRICS_PORT in use: one line naming it, exit code 1', async () => {
  const port = new URL(web.url).port;
  const other = startWorker(url, { WORKER_METRICS_PORT: port });
  await waitFor(() => other.child.exitCode !== null, 'the worker to exit');
  assert.equal(other.child.exitCode, 1);
  assert.equal(
    other.output().trim(),
    `Configuration error: WORKER_METRICS_PORT ${port} is already in use on 127.0.0.1; set another port`,
  );
});
