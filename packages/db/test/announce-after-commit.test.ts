// Announcements after the commit (migration 0025): a unit-of-work write announces nothing inside its
// transaction (a notifying commit holds PostgreSQL's notification-queue lock through its WAL flush);
// its keys are stored in a change row with the write and announced after the commit, the barrier
// last. Here on real PostgreSQL: every key still reaches other listeners, a rolled-back write
// announces nothing and leaves no job, a crash between the commit and the announcement is covered by
// the sweep, and writes outside the unit of work announce at their commit as before.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import pg from 'pg';
import { sql } from 'kysely';
import { connect, listenForChanges, readCache, unitOfWork, type ChangeFeed } from '@microposts/db';
import { testDatabase } from '../../../test/support/database.ts';
import { onTeardown } from '../../../test/support/teardown.ts';
import { waitFor } from '../../../test/support/wait.ts';

const url = await testDatabase();
const db = connect(url);
onTeardown('close the pool', () => db.destroy());

/** A change feed (another process's, as far as PostgreSQL can tell) and everything it heard. */
async function listener(options: { sweepEveryMs?: number; sweepOlderThanMs?: number } = {}) {
  // Without a sweep unless asked: what is heard then comes from the writers themselves.
  const feed: ChangeFeed = await listenForChanges(url, undefined, { sweepEveryMs: 3_600_000, ...options });
  onTeardown('close a feed', () => feed.close());
  const heard: string[] = [];
  feed.subscribe((key) => heard.push(key));
  return { feed, heard };
}

const { rows } = await sql<{ id: string }>`
  INSERT INTO accounts (username, email, password_hash) VALUES ('writer', 'writer@example.com', 'x')
  RETURNING id`.execute(db);
const writerId = rows[0]!.id;

const post = (text: string) => ({
  accountId: writerId,
  text,
  html: `<p>${text}</p>`,
  visibility: 'public' as const,
  inReplyToId: null,
  inReplyToAccountId: null,
  mentionedAccountIds: [],
  tags: ['coffee'],
});
const count = async (query: string) =>
  Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.raw(query)}`.execute(db)).rows[0]!.n);

test('a write is announced after its commit to every listener, its barrier last, and its change row goes', async () => {
  const other = await listener();
  const own = await listener();
  const uow = unitOfWork(db, readCache(own.feed));
  const id = await uow.transaction(async (tx) => {
    const id = await tx.statuses.create(post('first'));
    await tx.jobs.enqueue('mention-email', { statusId: id, accountId: writerId });
    return id;
  });
  // The writer returns once its own feed heard the barrier: every key is there, the barrier after them.
  const barrier = own.heard.findIndex((k) => k.startsWith('w:'));
  assert.ok(barrier > 0, `a barrier after the keys: ${own.heard.join(' ')}`);
  for (const key of [`e:new:${id}`, `p:${writerId}`, 't:public', `a:${writerId}`])
    assert.ok(own.heard.slice(0, barrier).includes(key), `${key} before the barrier`);
  // Another process hears the same keys.
  await waitFor(() => other.heard.includes(own.heard[barrier]!), 'the barrier on the other feed');
  assert.deepEqual(other.heard, own.heard);
  // The job committed with the status; the change row is deleted once announced.
  assert.equal(await count(`graphile_worker._private_jobs WHERE payload->>'statusId' = '${id}'`), 1);
  await waitFor(async () => (await count('change_outbox')) === 0, 'the announced change row deleted');
});

test('the workers are woken after the commit, not inside the transaction', async () => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  onTeardown('close the jobs listener', () => client.end());
  const wakeUps: string[] = [];
  client.on('notification', (m) => wakeUps.push(m.payload ?? ''));
  await client.query('LISTEN "jobs:insert"');
  const own = await listener();
  const uow = unitOfWork(db, readCache(own.feed));
  let insideTransaction: pg.QueryResult | null = null;
  const id = await uow.transaction(async (tx) => {
    const id = await tx.statuses.create(post('second'));
    await tx.jobs.enqueue('mention-email', { statusId: id, accountId: writerId });
    await tx.jobs.enqueue('mention-email', { statusId: id, accountId: '1' });
    // From another connection the job is not there yet: it commits with the status.
    insideTransaction = await client.query(
      `SELECT count(*) AS n FROM graphile_worker._private_jobs WHERE payload->>'statusId' = $1`,
      [id],
    );
    return id;
  });
  assert.equal(insideTransaction!.rows[0].n, '0');
  await waitFor(() => wakeUps.length > 0, 'the wake-up');
  assert.match(wakeUps[0]!, /"count":2\}$/);
  assert.equal(await count(`graphile_worker._private_jobs WHERE payload->>'statusId' = '${id}'`), 2);
});

test('a rolled-back write announces nothing and leaves no job and no change row', async () => {
  const own = await listener();
  const uow = unitOfWork(db, readCache(own.feed));
  let rolledBack = '';
  await assert.rejects(
    uow.transaction(async (tx) => {
      rolledBack = await tx.statuses.create(post('never'));
      await tx.jobs.enqueue('mention-email', { statusId: rolledBack, accountId: writerId });
      throw new Error('changed my mind');
    }),
    /changed my mind/,
  );
  // A write after it: once its barrier is heard, anything the first one announced would be too.
  const later = await uow.transaction((tx) => tx.statuses.create(post('later')));
  assert.ok(own.heard.includes(`e:new:${later}`));
  assert.ok(!own.heard.some((k) => k.includes(rolledBack)), own.heard.join(' '));
  assert.equal(await count(`statuses WHERE id = ${rolledBack}`), 0);
  assert.equal(await count(`graphile_worker._private_jobs WHERE payload->>'statusId' = '${rolledBack}'`), 0);
  await waitFor(async () => (await count('change_outbox')) === 0, 'the change rows deleted');
});

test('a writer that dies between its commit and its announcement: the sweep announces its changes', async () => {
  const sweeper = await listener({ sweepEveryMs: 50, sweepOlderThanMs: 200 });
  const cache = readCache(sweeper.feed);
  // The profile's newest statuses, cached by another process before the write.
  let loads = 0;
  const profile = () => cache.get(`p:${writerId}`, async () => ++loads);
  assert.equal(await profile(), 1);
  assert.equal(await profile(), 1);
  // A unit-of-work transaction up to its commit, on a connection that then goes away unannounced.
  const dying = new pg.Client({ connectionString: url });
  await dying.connect();
  await dying.query(`BEGIN; SELECT set_config('microposts.changes', E'\\n', true)`);
  const { rows: made } = await dying.query<{ id: string }>(
    `INSERT INTO statuses (account_id, text, html, visibility) VALUES ($1, 'orphan', '<p>orphan</p>', 'public') RETURNING id`,
    [writerId],
  );
  await dying.query(`SET CONSTRAINTS ALL IMMEDIATE; SELECT microposts_outbox('${randomUUID()}'); COMMIT`);
  await dying.end();
  const id = made[0]!.id;
  assert.equal(await count(`statuses WHERE id = ${id}`), 1);
  assert.ok(!sweeper.heard.includes(`e:new:${id}`), 'nothing announced at the commit');
  await waitFor(() => sweeper.heard.includes(`e:new:${id}`), 'the swept announcement');
  assert.ok(sweeper.heard.includes(`p:${writerId}`));
  assert.equal(await profile(), 2, 'the cached profile was dropped');
  assert.equal(await count('change_outbox'), 0);
});

test('writes outside the unit of work (the CLI, SQL by hand) still announce at their commit', async () => {
  const other = await listener();
  const { rows: made } = await sql<{ id: string }>`
    INSERT INTO statuses (account_id, text, html, visibility) VALUES (${writerId}, 'by hand', '<p>by hand</p>', 'public')
    RETURNING id`.execute(db);
  await waitFor(() => other.heard.includes(`e:new:${made[0]!.id}`), 'the announcement');
  assert.equal(await count('change_outbox'), 0);
});

test('a transaction with more keys than it keeps (past 16 KiB) announces every one of them', async () => {
  const other = await listener();
  // The unit of work's statements, on a connection of our own: the keys past the limit are announced
  // at the commit, the rest after it.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  onTeardown('close the client', () => client.end());
  await client.query(`BEGIN; SELECT set_config('microposts.changes', E'\\n', true)`);
  await client.query(`SELECT microposts_changed('big:' || i) FROM generate_series(1, 3000) AS i`);
  const outbox = randomUUID();
  await client.query(`SET CONSTRAINTS ALL IMMEDIATE; SELECT microposts_outbox('${outbox}'); COMMIT`);
  await client.query(`SELECT microposts_announce('${outbox}', 'w:big')`);
  await waitFor(() => other.heard.includes('w:big'), 'the barrier');
  await waitFor(() => other.heard.filter((k) => k.startsWith('big:')).length >= 3000, 'every key');
  assert.equal(new Set(other.heard.filter((k) => k.startsWith('big:'))).size, 3000);
});
