// The daily-stats task in real worker processes: two workers, one computation of the day; a manual
// job for a named day; a malformed payload fails for good with a clear error.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays, dayOf } from '@microposts/core';
import { testApp } from '../../../test/support/app.ts';
import { startWorker, type RunningProcess } from '../../../test/support/processes.ts';
import { waitFor } from '../../../test/support/wait.ts';
import { seedStatsDay } from '../../../test/support/stats-seed.ts';
import { sqlClient } from '../../../test/support/sql.ts';

const app = await testApp();
const { db } = app;
const sql = sqlClient(app.databaseUrl);

// The crontab says `5 0 * * * daily-stats`: the latest tick at or before now, and the day it computes.
const now = new Date();
const todayTick = new Date(`${dayOf(now)}T00:05:00Z`);
const tick = todayTick <= now ? todayTick : new Date(+todayTick - 86_400_000);
const day = addDays(dayOf(tick), -1);
const seed = await seedStatsDay(db, day);

const computedLines = (workers: RunningProcess[]) =>
  workers.flatMap((w) => w.output().split('\n')).filter((l) => l.includes('daily statistics computed'));
const dailyStatsJobs = () =>
  sql.count(`SELECT count(*) FROM graphile_worker.jobs WHERE task_identifier = 'daily-stats'`);

test('two workers running: the missed 00:05 tick is run once and computes the day before it', async () => {
  // As if the workers had last run a minute before the tick: on start each of them backfills the
  // missed tick (?fill=3d), and graphile-worker's known_crontabs row lets only one enqueue it.
  const before = new Date(+tick - 60_000);
  await sql.rows(
    `INSERT INTO graphile_worker._private_known_crontabs (identifier, known_since, last_execution)
     VALUES ('daily-stats', $1, $1)`,
    [before],
  );
  const workers = [
    startWorker(app.databaseUrl, { LOG_LEVEL: 'info' }),
    startWorker(app.databaseUrl, { LOG_LEVEL: 'info' }),
  ];
  await waitFor(
    () => workers.every((w) => w.output().includes('microposts worker is running')),
    'both workers to run',
  );
  const row = await waitFor(
    async () => (await sql.rows(`SELECT * FROM daily_stats WHERE day = $1::date`, [day]))[0],
    `the statistics of ${day}`,
  );
  assert.equal(row.statuses, seed.expected.day!.statuses);
  assert.equal(row.new_accounts, seed.expected.day!.new_accounts);
  // Once the tick is recorded as executed no worker can enqueue it again; the one job is done.
  await waitFor(async () => {
    const rows = await sql.rows<{ last_execution: Date }>(
      `SELECT last_execution FROM graphile_worker._private_known_crontabs WHERE identifier = 'daily-stats'`,
    );
    return rows[0]?.last_execution.getTime() === tick.getTime() && (await dailyStatsJobs()) === 0;
  }, 'the tick to be recorded and its job to finish');
  const lines = computedLines(workers);
  assert.equal(lines.length, 1, `one computation, not ${lines.length}:\n${lines.join('\n')}`);
  assert.match(lines[0]!, new RegExp(`"day":"${day}"`));
  // Only that day: no other tick fell between "before" and now.
  assert.equal(await sql.count('SELECT count(*) FROM daily_stats'), 1);
  await Promise.all(workers.map((w) => w.stop()));
});

test('a job naming a day computes that day; a malformed one fails for good with a clear error', async () => {
  const worker = startWorker(app.databaseUrl, { LOG_LEVEL: 'info' });
  const { jobs } = app.uow;
  await jobs.enqueue('daily-stats', { day: '2026-01-15' }, { jobKey: 'daily-stats:2026-01-15' });
  await jobs.enqueue('daily-stats', { day: '15/01/2026' }, { jobKey: 'daily-stats:bad' });
  await waitFor(
    async () => (await sql.count(`SELECT count(*) FROM daily_stats WHERE day = '2026-01-15'`)) === 1,
    'the named day to be computed',
  );
  const failed = await waitFor(async () => {
    const rows = await sql.rows<{ last_error: string | null; attempts: number; max_attempts: number }>(
      `SELECT last_error, attempts, max_attempts FROM graphile_worker.jobs WHERE key = 'daily-stats:bad'`,
    );
    return rows[0]?.last_error ? rows[0] : null;
  }, 'the malformed job to fail');
  assert.match(
    failed.last_error!,
    /Malformed payload for task "daily-stats": "day" must be a date written YYYY-MM-DD/,
  );
  assert.equal(failed.attempts, failed.max_attempts, 'not retried');
  assert.match(worker.output(), /microposts worker is running/);
  await worker.stop();
});
