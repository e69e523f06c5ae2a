// graphile-worker's pool rides out a PostgreSQL restart: connect() waits until the server is back,
// and a job-outcome statement cut off by the restart is sent again rather than crashing the worker.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { freePort, isDatabaseUnavailable, startEmbeddedPostgres } from '@microposts/db';
import { patientPool } from '../src/jobs/patient-pool.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'microposts-patient-'));
chmodSync(dir, 0o755);
const pgDir = path.join(dir, 'pg');
const port = await freePort();
let server = await startEmbeddedPostgres(pgDir, { port, database: 'patient' });
after(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});
const lines: string[] = [];
const log = {
  error: () => {},
  warn: (_: object, m: string) => lines.push(m),
  info: (_: object, m: string) => lines.push(m),
  debug: () => {},
};
const pool = patientPool(server.url, 4, log);
after(() => pool.end());

const restartIn = (ms: number) =>
  new Promise<void>((resolve) =>
    setTimeout(async () => {
      server = await startEmbeddedPostgres(pgDir, { port, database: 'patient' });
      resolve();
    }, ms),
  );

test('connect() waits while PostgreSQL is down and returns once it is back', async () => {
  await server.stop();
  const back = restartIn(1500);
  const client = await pool.connect();
  const { rows } = await client.query('SELECT 1 AS one');
  client.release();
  await back;
  assert.deepEqual(rows, [{ one: 1 }]);
  assert.deepEqual(lines, [
    'PostgreSQL is unavailable; the worker waits for it',
    'PostgreSQL is back; the worker carries on',
  ]);
});

test('a job-outcome statement cut off by a restart is sent again; any other statement fails', async () => {
  const client = await pool.connect();
  const other = await pool.connect();
  // Named as graphile-worker names its "complete" statement; it is still running when the server stops.
  const outcome = client.query({
    name: 'complete_job/graphile_worker',
    text: 'SELECT pg_sleep(1), 42 AS answer',
  });
  const plain = other.query('SELECT pg_sleep(1)');
  const plainFailed = plain.then(
    () => null,
    (error: unknown) => error,
  );
  await new Promise((resolve) => setTimeout(resolve, 200));
  await server.stop();
  const back = restartIn(1000);
  const { rows } = await outcome;
  assert.equal(rows[0].answer, 42);
  assert.ok(isDatabaseUnavailable(await plainFailed), 'the plain statement failed with the connection');
  client.release();
  other.release();
  await back;
});
