// `npm run cli -- stats backfill|show` as an operator runs it: a child process against a test database.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays, lastCompleteDay } from '@microposts/core';
import { testApp } from '../../../test/support/app.ts';
import { cliEnv, runCli } from '../../../test/support/cli.ts';
import { seedStatsDay } from '../../../test/support/stats-seed.ts';
import { sqlClient } from '../../../test/support/sql.ts';

const app = await testApp();
const DAY = '2026-05-20';
await seedStatsDay(app.db, DAY);
const sql = sqlClient(app.databaseUrl);
const env = cliEnv(app.databaseUrl);
const cli = (...args: string[]) => runCli(env, ...args);

const rows = () =>
  sql.rows<{ day: string; statuses: number }>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, statuses FROM daily_stats ORDER BY day`,
  );

test('stats backfill computes and stores every day of the range', async () => {
  const { code, stdout, stderr } = await cli(
    'stats',
    'backfill',
    '--from',
    '2026-05-19',
    '--to',
    '2026-05-21',
  );
  assert.equal(code, 0, stderr);
  assert.deepEqual(await rows(), [
    { day: '2026-05-19', statuses: 1 },
    { day: '2026-05-20', statuses: 5 },
    { day: '2026-05-21', statuses: 1 },
  ]);
  const lines = stdout.trim().split('\n');
  assert.match(lines[0]!, /^day\s+new accts\s+active\s+statuses/);
  assert.match(lines[2]!, /^2026-05-20\s+2\s+3\s+5\s+1\s+3\s+2\s+2\s+#cats 2, #dogs 1, #t01 1$/);
  assert.equal(lines.at(-1), 'Computed 3 days.');
});

test('running it again changes nothing', async () => {
  const before = await sql.rows('SELECT * FROM daily_stats ORDER BY day');
  const { code } = await cli('stats', 'backfill', '--from', '2026-05-19', '--to', '2026-05-21');
  assert.equal(code, 0);
  assert.deepEqual(await sql.rows('SELECT * FROM daily_stats ORDER BY day'), before);
});

test('stats show lists stored days and marks the others', async () => {
  const { code, stdout } = await cli('stats', 'show', '--from', '2026-05-18', '--to', '2026-05-20');
  assert.equal(code, 0);
  const lines = stdout.trim().split('\n');
  assert.match(lines[1]!, /^2026-05-18\s+-.*not computed$/);
  assert.match(lines[3]!, /^2026-05-20\s+2\s+3\s+5\b/);
  assert.equal(lines.at(-1), '2 of 3 days computed (2026-05-18 to 2026-05-20, UTC).');
});

test('stats show --json prints what the API returns', async () => {
  const { code, stdout } = await cli('stats', 'show', '--from', '2026-05-20', '--to', '2026-05-20', '--json');
  assert.equal(code, 0);
  const [day] = JSON.parse(stdout) as Record<string, unknown>[];
  assert.equal(day!.day, '2026-05-20');
  assert.equal(day!.statuses, 5);
  assert.deepEqual((day!.top_hashtags as unknown[])[0], { name: 'cats', count: 2 });
});

test('--help explains the options', async () => {
  const backfill = await cli('stats', 'backfill', '--help');
  assert.equal(backfill.code, 0);
  assert.match(backfill.stdout, /Usage: npm run cli -- stats backfill --from YYYY-MM-DD --to YYYY-MM-DD/);
  const show = await cli('stats', 'show', '-h');
  assert.match(show.stdout, /--json/);
  const all = await cli('--help');
  assert.match(all.stdout, /stats backfill\s+Compute the daily statistics/);
});

test('bad input gets a clear error, exit code 1, and writes nothing', async () => {
  const before = await rows();
  const cases: [string[], string | RegExp][] = [
    [['stats', 'backfill', '--to', '2026-05-20'], 'Error: --from is required (YYYY-MM-DD).'],
    [['stats', 'backfill', '--from', '2026-05-20'], 'Error: --to is required (YYYY-MM-DD).'],
    [
      ['stats', 'backfill', '--from', '20-05-2026', '--to', '2026-05-20'],
      'Error: from must be a date written YYYY-MM-DD.',
    ],
    [
      ['stats', 'backfill', '--from', '2026-05-21', '--to', '2026-05-20'],
      'Error: from must not be after to.',
    ],
    [
      ['stats', 'backfill', '--from', '2024-01-01', '--to', '2025-12-31'],
      'Error: The range may cover at most 366 days.',
    ],
    [
      ['stats', 'backfill', '--from', lastCompleteDay(), '--to', addDays(lastCompleteDay(), 1)],
      /^Error: Only days that have ended can be computed: \d{4}-\d{2}-\d{2} is the latest \(UTC\)\.$/,
    ],
    [
      ['stats', 'backfill', '--from', '2026-05-20', '--to', '2026-05-20', '--days', '3'],
      /^Error: Unknown option '--days'/,
    ],
    [['stats', 'show', '--to', 'soon'], 'Error: to must be a date written YYYY-MM-DD.'],
  ];
  for (const [args, message] of cases) {
    const { code, stderr } = await cli(...args);
    assert.equal(code, 1, `${args.join(' ')}: ${stderr}`);
    if (message instanceof RegExp) assert.match(stderr.trim(), message);
    else assert.equal(stderr.trim().split('\n')[0], message, args.join(' '));
  }
  assert.deepEqual(await rows(), before);
});
