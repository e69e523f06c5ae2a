// Daily statistics on real PostgreSQL: known numbers, UTC midnight boundaries, idempotent re-runs,
// backfill, listing, Mastodon's weekly activity, and every bad input refused with nothing written.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { ValidationError } from '@microposts/core';
import { connect, unitOfWork } from '@microposts/db';
import { testApp } from '../../../test/support/app.ts';
import { seedStatsDay } from '../../../test/support/stats-seed.ts';

const app = await testApp();
const { db } = app;
const stats = app.services.stats;
const DAY = '2026-03-10'; // a Tuesday
const seed = await seedStatsDay(db, DAY);

const rowCount = async () =>
  Number((await sql<{ n: string }>`SELECT count(*) AS n FROM daily_stats`.execute(db)).rows[0]!.n);
const storedRow = async (day: string) =>
  (await sql`SELECT * FROM daily_stats WHERE day = ${day}::date`.execute(db)).rows[0];

const numbers = (s: Awaited<ReturnType<typeof stats.computeDay>>) => ({
  new_accounts: s.newAccounts,
  active_accounts: s.activeAccounts,
  statuses: s.statuses,
  replies: s.replies,
  mentions: s.mentions,
  favourites: s.favourites,
  new_follows: s.newFollows,
});

async function refused(work: () => Promise<unknown>, message: string) {
  const before = await rowCount();
  await assert.rejects(work, (error: unknown) => {
    assert.ok(error instanceof ValidationError, String(error));
    assert.equal(error.message, message);
    return true;
  });
  assert.equal(await rowCount(), before, 'nothing was written');
}

describe('computing a day', () => {
  test('counts every number of the UTC day, rows at both midnights included or excluded exactly', async () => {
    const s = await stats.computeDay({ day: DAY });
    assert.equal(s.day, DAY);
    assert.deepEqual(numbers(s), seed.expected.day);
    assert.deepEqual(s.topHashtags, seed.topHashtags);
    assert.ok(s.computedAt instanceof Date);
  });

  test('the row is stored as computed', async () => {
    const row = (await storedRow(DAY)) as Record<string, unknown>;
    assert.equal(row.statuses, 5);
    assert.equal(row.new_accounts, 2);
    assert.deepEqual(row.top_hashtags, seed.topHashtags);
  });

  test('re-running the day gives the same row, computed_at included', async () => {
    const first = await storedRow(DAY);
    const again = await stats.computeDay({ day: DAY });
    assert.deepEqual(await storedRow(DAY), first);
    assert.equal(again.computedAt.getTime(), (first as { computed_at: Date }).computed_at.getTime());
    assert.equal(await rowCount(), 1);
  });

  test('days either side see only their own rows', async () => {
    const before = await stats.computeDay({ day: '2026-03-09' });
    const next = await stats.computeDay({ day: '2026-03-11' });
    assert.deepEqual(numbers(before), seed.expected.before);
    assert.deepEqual(before.topHashtags, [{ name: 'cats', count: 1 }]);
    assert.deepEqual(numbers(next), seed.expected.next);
    assert.deepEqual(next.topHashtags, []);
  });

  test("the server's time zone does not move the day boundaries", async () => {
    // Sessions of this database now default to UTC+14; the day must still be the UTC day.
    await sql
      .raw(
        `ALTER DATABASE "${new URL(app.databaseUrl).pathname.slice(1)}" SET TimeZone = 'Pacific/Kiritimati'`,
      )
      .execute(db);
    const other = connect(app.databaseUrl, { max: 1 });
    try {
      const { rows } = await sql<{ tz: string }>`SELECT current_setting('TimeZone') AS tz`.execute(other);
      assert.equal(rows[0]!.tz, 'Pacific/Kiritimati');
      const s = await unitOfWork(other).stats.computeDay(DAY);
      assert.equal(s.day, DAY);
      assert.deepEqual(numbers(s), seed.expected.day);
      assert.deepEqual(
        (await unitOfWork(other).stats.list(DAY, DAY)).map((d) => d.day),
        [DAY],
      );
    } finally {
      await other.destroy();
    }
  });

  test('a day with nothing in it is stored with zeros', async () => {
    const s = await stats.computeDay({ day: '2025-01-01' });
    assert.deepEqual(numbers(s), {
      new_accounts: 0,
      active_accounts: 0,
      statuses: 0,
      replies: 0,
      mentions: 0,
      favourites: 0,
      new_follows: 0,
    });
    assert.deepEqual(s.topHashtags, []);
  });

  test('a status deleted later is gone from a recomputation, and computed_at moves', async () => {
    const extra = await seedStatsDay(db, '2026-04-01', 'x');
    const first = await stats.computeDay({ day: '2026-04-01' });
    assert.equal(first.statuses, 5);
    await sql`DELETE FROM statuses WHERE id = ${extra.ids.statuses.s2!}`.execute(db);
    const second = await stats.computeDay({ day: '2026-04-01' });
    assert.equal(second.statuses, 4);
    assert.equal(second.replies, 0);
    assert.equal(second.mentions, 2);
    assert.deepEqual(second.topHashtags[0], { name: 'cats', count: 1 });
    assert.ok(second.computedAt.getTime() >= first.computedAt.getTime());
    assert.notDeepEqual(second, first);
  });

  test('two computations of one new day at once both succeed with the same row', async () => {
    const [a, b] = await Promise.all([
      stats.computeDay({ day: '2024-06-01' }),
      stats.computeDay({ day: '2024-06-01' }),
    ]);
    assert.deepEqual(numbers(a), numbers(b));
    assert.equal(
      Number(
        (await sql<{ n: string }>`SELECT count(*) AS n FROM daily_stats WHERE day = '2024-06-01'`.execute(db))
          .rows[0]!.n,
      ),
      1,
    );
  });

  test('bad days are refused with a clear error and nothing is written', async () => {
    await refused(() => stats.computeDay({ day: 'yesterday' }), 'day must be a date written YYYY-MM-DD.');
    await refused(() => stats.computeDay({ day: '2026-02-30' }), 'day is not a valid date: 2026-02-30.');
    await refused(() => stats.computeDay({ day: undefined }), 'day must be a date written YYYY-MM-DD.');
    await refused(() => stats.computeDay({ day: '1969-12-31' }), 'day must be 1970-01-01 or later.');
    const now = new Date('2026-03-12T00:03:00Z');
    await refused(
      () => stats.computeDay({ day: '2026-03-12', now }),
      'Only days that have ended can be computed: 2026-03-11 is the latest (UTC).',
    );
  });
});

describe('backfill', () => {
  test('computes every day of the range, oldest first, and reports each', async () => {
    const seen: string[] = [];
    const rows = await stats.backfill({
      from: '2026-03-08',
      to: '2026-03-12',
      onDay: (s) => seen.push(s.day),
    });
    assert.deepEqual(
      rows.map((r) => r.day),
      ['2026-03-08', '2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12'],
    );
    assert.deepEqual(
      seen,
      rows.map((r) => r.day),
    );
    assert.deepEqual(numbers(rows[2]!), seed.expected.day);
    assert.equal(rows[0]!.statuses, 0);
  });

  test('one day (from = to) works', async () => {
    const rows = await stats.backfill({ from: DAY, to: DAY });
    assert.equal(rows.length, 1);
  });

  test('bad ranges are refused and nothing is written', async () => {
    await refused(() => stats.backfill({ from: undefined, to: DAY }), 'from is required.');
    await refused(() => stats.backfill({ from: DAY, to: '' }), 'to is required.');
    await refused(
      () => stats.backfill({ from: '2027-1-1', to: DAY }),
      'from must be a date written YYYY-MM-DD.',
    );
    await refused(
      () => stats.backfill({ from: DAY, to: '2026-13-01' }),
      'to is not a valid date: 2026-13-01.',
    );
    await refused(
      () => stats.backfill({ from: '2026-03-11', to: '2026-03-10' }),
      'from must not be after to.',
    );
    await refused(
      () => stats.backfill({ from: '2020-01-01', to: '2021-01-01' }),
      'The range may cover at most 366 days.',
    );
    await refused(
      () => stats.backfill({ from: '2026-03-10', to: '2026-03-13', now: new Date('2026-03-13T12:00:00Z') }),
      'Only days that have ended can be computed: 2026-03-12 is the latest (UTC).',
    );
  });

  test('a whole leap year (366 days) is allowed', async () => {
    const rows = await stats.backfill({ from: '2024-01-01', to: '2024-12-31' });
    assert.equal(rows.length, 366);
  });
});

describe('listing', () => {
  test('returns the stored days of the range, oldest first, without days never computed', async () => {
    const { from, to, days } = await stats.list({ from: '2026-03-07', to: '2026-03-13' });
    assert.deepEqual([from, to], ['2026-03-07', '2026-03-13']);
    assert.deepEqual(
      days.map((d) => d.day),
      ['2026-03-08', '2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12'],
    );
  });

  test('defaults to the last 30 ended days', async () => {
    const { from, to } = await stats.list({ now: new Date('2026-03-13T08:00:00Z') });
    assert.deepEqual([from, to], ['2026-02-11', '2026-03-12']);
    const onlyTo = await stats.list({ to: '2026-03-10', now: new Date('2026-03-13T08:00:00Z') });
    assert.deepEqual([onlyTo.from, onlyTo.to], ['2026-02-09', '2026-03-10']);
  });

  test('bad ranges are refused with the field named', async () => {
    await refused(() => stats.list({ from: 'x' }), 'from must be a date written YYYY-MM-DD.');
    await refused(
      () => stats.list({ from: 'x', to: ['2026-01-01'] }),
      'from must be a date written YYYY-MM-DD. to must be a date written YYYY-MM-DD.',
    );
    await refused(() => stats.list({ from: '2026-03-10', to: '2026-03-09' }), 'from must not be after to.');
  });
});

describe('weekly activity (Mastodon)', () => {
  test('12 weeks, the current first, summed from the stored days, values as strings', async () => {
    const weeks = await stats.weeklyActivity({ now: new Date('2026-03-12T10:00:00Z') });
    assert.equal(weeks.length, 12);
    const monday = Date.parse('2026-03-09T00:00:00Z') / 1000;
    assert.deepEqual(weeks[0], { week: String(monday), statuses: '7', logins: '3', registrations: '4' });
    weeks.forEach((w, i) => assert.equal(w.week, String(monday - i * 7 * 86400)));
    // The week of 2026-03-02 to 2026-03-08: 03-08 was computed with nothing in it.
    assert.deepEqual(weeks[1], {
      week: String(monday - 604800),
      statuses: '0',
      logins: '0',
      registrations: '0',
    });
  });

  test('a Sunday belongs to the week that started on the Monday before', async () => {
    const weeks = await stats.weeklyActivity({ now: new Date('2026-03-15T23:59:59Z') });
    assert.equal(weeks[0]!.week, String(Date.parse('2026-03-09T00:00:00Z') / 1000));
  });
});
