// The poll-expiry job end to end: posting a poll enqueues it for the poll's end; a real worker
// process runs it then, closes the poll and notifies the voters and the author, once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testDatabase } from '../../../test/support/database.ts';
import { startWorker } from '../../../test/support/processes.ts';
import { waitFor } from '../../../test/support/wait.ts';
import { appOn } from '../../../test/support/app.ts';
import { fixtures } from '../../../test/support/fixtures.ts';
import { sqlClient } from '../../../test/support/sql.ts';
import { queuedJobs } from './support.ts';

const url = await testDatabase();
const sql = sqlClient(url);
const app = await appOn(url, {});
const f = fixtures(app);
const ids = await f.accounts(['alice', 'bob', 'carol', 'dave']);
const [alice, bob, carol, dave] = ['alice', 'bob', 'carol', 'dave'].map((u) => ({ id: ids[u]! }));
startWorker(url);

test('at the end of a poll the worker closes it and notifies its voters and its author', async () => {
  const status = await app.services.statuses.create({
    actorId: alice!.id,
    text: 'Lunch?',
    poll: { options: ['Soup', 'Salad'], expiresIn: 300 },
  });
  await app.services.polls.vote({ actorId: bob!.id, pollId: status.id, choices: ['0'] });
  await app.services.polls.vote({ actorId: carol!.id, pollId: status.id, choices: ['1'] });
  const [job] = await sql.rows<{ run_at: Date }>(
    `SELECT run_at FROM graphile_worker.jobs WHERE task_identifier = 'poll-expiry'`,
  );
  assert.equal(job!.run_at.getTime(), status.poll!.expiresAt.getTime(), 'scheduled for the end');
  assert.equal(await sql.count(`SELECT count(*) FROM notifications WHERE type = 'poll'`), 0);

  // Five minutes pass: the poll's end and its job's time are moved to now.
  await sql.rows(`UPDATE polls SET expires_at = now() WHERE status_id = $1`, [status.id]);
  await sql.rows(`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE key = $1`, [
    `poll-expiry:${status.id}`,
  ]);
  await waitFor(async () => (await queuedJobs(sql, 'poll-expiry')) === 0, 'the job to run');
  const notified = await sql.rows<{ account_id: string; from_account_id: string; status_id: string }>(
    `SELECT account_id::text, from_account_id::text, status_id::text FROM notifications WHERE type = 'poll' ORDER BY account_id`,
  );
  assert.deepEqual(
    notified,
    [alice, bob, carol]
      .map((a) => ({ account_id: a!.id, from_account_id: alice!.id, status_id: status.id }))
      .sort((x, y) => (BigInt(x.account_id) < BigInt(y.account_id) ? -1 : 1)),
    'the author and each voter, from the author; dave did not vote',
  );
  assert.ok(!notified.some((n) => n.account_id === dave!.id));
  const [poll] = await sql.rows<{ closed_at: Date | null }>(
    `SELECT closed_at FROM polls WHERE status_id = $1`,
    [status.id],
  );
  assert.ok(poll!.closed_at, 'closed');
  const seen = await app.services.statuses.get(status.id, bob!.id);
  assert.deepEqual(seen.poll!.ownVotes, [0]);
  assert.deepEqual(seen.poll!.votesCounts, [1, 1]);
});
