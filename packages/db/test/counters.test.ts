// The counters (migrations 0008, 0010 and 0016) on real PostgreSQL: exact under concurrent follows,
// favourites, boosts, posts, replies and deletes from several connections, through cascades, and repaired by
// the rebuild. As Mastodon counts them, a direct status is not in its author's statuses_count, and
// only public and unlisted replies are in their parent's replies_count (a count must not reveal
// what its reader may not see).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import type { Account } from '@microposts/core';
import { runCli, cliEnv } from '../../../test/support/cli.ts';
import { testApp } from '../../../test/support/app.ts';

const app = await testApp();
const { services: s, db } = app;

/** Counters as stored, and as counted from the rows: the two must be equal. */
async function drift() {
  const { rows } = await sql<{ what: string; id: string; stored: string; counted: string }>`
    SELECT 'statuses' AS what, a.id, st.statuses_count AS stored,
      (SELECT count(*) FROM statuses x WHERE x.account_id = a.id AND x.visibility <> 'direct') AS counted
    FROM accounts a JOIN account_stats st ON st.account_id = a.id
    UNION ALL
    SELECT 'followers', a.id, st.followers_count, (SELECT count(*) FROM follows f WHERE f.target_account_id = a.id)
    FROM accounts a JOIN account_stats st ON st.account_id = a.id
    UNION ALL
    SELECT 'following', a.id, st.following_count, (SELECT count(*) FROM follows f WHERE f.account_id = a.id)
    FROM accounts a JOIN account_stats st ON st.account_id = a.id
    UNION ALL
    SELECT 'replies', x.id, ss.replies_count,
      (SELECT count(*) FROM statuses r WHERE r.in_reply_to_id = x.id AND r.visibility IN ('public', 'unlisted'))
    FROM statuses x JOIN status_stats ss ON ss.status_id = x.id
    UNION ALL
    SELECT 'favourites', x.id, ss.favourites_count, (SELECT count(*) FROM favourites f WHERE f.status_id = x.id)
    FROM statuses x JOIN status_stats ss ON ss.status_id = x.id
    UNION ALL
    SELECT 'reblogs', x.id, ss.reblogs_count, (SELECT count(*) FROM statuses b WHERE b.reblog_of_id = x.id)
    FROM statuses x JOIN status_stats ss ON ss.status_id = x.id`.execute(db);
  return rows.filter((r) => r.stored !== r.counted);
}

const missingRows = async () =>
  Number(
    (
      await sql<{ n: string }>`
        SELECT (SELECT count(*) FROM accounts a WHERE NOT EXISTS (SELECT 1 FROM account_stats s WHERE s.account_id = a.id))
             + (SELECT count(*) FROM statuses x WHERE NOT EXISTS (SELECT 1 FROM status_stats s WHERE s.status_id = x.id)) AS n`.execute(
        db,
      )
    ).rows[0]!.n,
  );

let n = 0;
const register = (name: string) =>
  s.accounts.register({
    username: `${name}${++n}`,
    email: `${name}${n}@example.com`,
    password: 'correct horse battery',
  });

test('exact under concurrent follows, unfollows, favourites, posts, replies and deletes', async () => {
  const people: Account[] = [];
  for (let i = 0; i < 8; i++) people.push(await register('c'));
  const seedStatuses = [];
  for (const p of people)
    seedStatuses.push((await s.statuses.create({ actorId: p.id, text: `hello from ${p.username}` })).id);

  // A deterministic mix of operations, run 12 at a time over the pool's connections.
  let seed = 7;
  const rand = (k: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % k);
  const live = [...seedStatuses];
  const ops: Array<() => Promise<unknown>> = [];
  const visibilities = ['public', 'unlisted', 'private', 'direct'];
  for (let i = 0; i < 400; i++) {
    const a = people[rand(people.length)]!;
    const b = people[rand(people.length)]!;
    const target = live[rand(live.length)]!;
    const visibility = visibilities[rand(4)];
    switch (rand(9)) {
      case 0:
        if (a.id !== b.id) ops.push(() => s.follows.follow({ actorId: a.id, targetId: b.id }));
        break;
      case 1:
        ops.push(() => s.follows.unfollow({ actorId: a.id, targetId: b.id }));
        break;
      case 2:
        ops.push(() => s.favourites.favourite({ actorId: a.id, statusId: target }));
        break;
      case 3:
        ops.push(() => s.favourites.unfavourite({ actorId: a.id, statusId: target }));
        break;
      case 4:
        ops.push(async () =>
          live.push((await s.statuses.create({ actorId: a.id, text: `post ${i}`, visibility })).id),
        );
        break;
      case 5:
        ops.push(async () =>
          live.push(
            (await s.statuses.create({ actorId: a.id, text: `reply ${i}`, inReplyToId: target, visibility }))
              .id,
          ),
        );
        break;
      case 6:
        ops.push(() => s.statuses.delete({ actorId: a.id, statusId: target }));
        break;
      case 7:
        ops.push(() => s.reblogs.reblog({ actorId: a.id, statusId: target }));
        break;
      case 8:
        ops.push(() => s.reblogs.unreblog({ actorId: a.id, statusId: target }));
        break;
    }
  }
  let refused = 0;
  for (let i = 0; i < ops.length; i += 12) {
    const batch = await Promise.allSettled(ops.slice(i, i + 12).map((op) => op()));
    for (const r of batch) {
      if (r.status === 'rejected') {
        // Only the refusals the rules give (someone else's status, a status deleted meanwhile or
        // not visible to the replier).
        const code = (r.reason as { code?: string }).code;
        assert.ok(
          code === 'not_owner' ||
            code === 'not_found' ||
            code === 'reply_target_missing' ||
            code === 'cannot_reblog',
          String(r.reason),
        );
        refused++;
      }
    }
  }
  assert.ok(refused < ops.length, 'most operations went through');
  assert.deepEqual(await drift(), []);
  assert.equal(await missingRows(), 0);

  // Cascades: deleting an account takes its follows, favourites and statuses, and every counter
  // that counted them moves with them.
  await s.settings
    .deleteAccount({ actorId: people[0]!.id, password: 'correct horse battery' })
    .catch(() => undefined);
  await db.deleteFrom('accounts').where('id', '=', people[1]!.id).execute();
  assert.deepEqual(await drift(), []);
  assert.equal(await missingRows(), 0);
});

test('the rebuild repairs counters that drifted, and reports how many it corrected', async () => {
  const a = await register('r');
  const b = await register('r');
  await s.follows.follow({ actorId: a.id, targetId: b.id });
  const status = await s.statuses.create({ actorId: b.id, text: 'count me' });
  await s.favourites.favourite({ actorId: a.id, statusId: status.id });
  await s.reblogs.reblog({ actorId: a.id, statusId: status.id });
  const asked = await s.statuses.create({
    actorId: b.id,
    text: 'tea or coffee?',
    poll: { options: ['tea', 'coffee', 'both'], expiresIn: 3600, multiple: true },
  });
  await s.polls.vote({ actorId: a.id, pollId: asked.id, choices: [0, 2] });
  const c = await register('r');
  await s.polls.vote({ actorId: c.id, pollId: asked.id, choices: [2] });
  const pollCounts = () =>
    db
      .selectFrom('polls')
      .select(['votes_counts', 'votes_count', 'voters_count'])
      .where('status_id', '=', asked.id)
      .executeTakeFirstOrThrow();
  const counted = await pollCounts();
  assert.deepEqual(counted, { votes_counts: ['1', '0', '2'], votes_count: '3', voters_count: '2' });
  assert.deepEqual(
    await s.admin.rebuildCounters(),
    { accounts: 0, statuses: 0, polls: 0 },
    'nothing to correct',
  );
  // Drift made by hand, as a restore from an old backup might.
  await db.transaction().execute(async (trx) => {
    await sql`SET LOCAL session_replication_role = replica`.execute(trx);
    await sql`UPDATE account_stats SET followers_count = 99 WHERE account_id = ${b.id}`.execute(trx);
    await sql`UPDATE status_stats SET favourites_count = 0, reblogs_count = 5 WHERE status_id = ${status.id}`.execute(
      trx,
    );
    await sql`UPDATE polls SET votes_counts = '{7,0,0}', votes_count = 7, voters_count = 9
      WHERE status_id = ${asked.id}`.execute(trx);
  });
  assert.equal((await drift()).length, 3);

  const result = await runCli(cliEnv(app.databaseUrl), 'counters', 'rebuild');
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout.trim(), 'Corrected the counters of 1 accounts, 1 statuses and 1 polls.');
  assert.deepEqual(await drift(), []);
  assert.deepEqual(await pollCounts(), counted);
  assert.equal((await s.accounts.profile(b.username)).followersCount, 1);
  assert.equal((await s.statuses.get(status.id)).favouritesCount, 1);
  assert.equal((await s.statuses.get(status.id)).reblogsCount, 1);
});

test('a direct status is not counted, nor is a followers-only or direct reply; a visibility changed by hand moves them', async () => {
  const a = await register('v');
  const b = await register('v');
  await s.follows.follow({ actorId: b.id, targetId: a.id });
  const root = await s.statuses.create({ actorId: a.id, text: 'root' });
  const counts = async () => ({
    statuses: (await s.accounts.profile(a.username)).statusesCount,
    replies: (await s.statuses.get(root.id)).repliesCount,
  });
  for (const visibility of ['public', 'unlisted', 'private', 'direct'])
    await s.statuses.create({
      actorId: a.id,
      text: `a ${visibility} reply @${b.username}`,
      visibility,
      inReplyToId: root.id,
    });
  assert.deepEqual(
    await counts(),
    { statuses: 4, replies: 2 },
    'the root and three replies; two replies count',
  );
  const lastBefore = (await s.accounts.profile(a.username)).lastStatusAt;
  const direct = await s.statuses.create({
    actorId: a.id,
    text: `only for @${b.username}`,
    visibility: 'direct',
  });
  assert.deepEqual(await counts(), { statuses: 4, replies: 2 });
  assert.deepEqual((await s.accounts.profile(a.username)).lastStatusAt, lastBefore, 'nor its last_status_at');
  await s.statuses.delete({ actorId: a.id, statusId: direct.id });
  assert.deepEqual(await counts(), { statuses: 4, replies: 2 });
  await sql`UPDATE statuses SET visibility = 'direct' WHERE in_reply_to_id = ${root.id} AND visibility = 'public'`.execute(
    db,
  );
  assert.deepEqual(await counts(), { statuses: 3, replies: 1 });
  assert.deepEqual(await drift(), []);
});
