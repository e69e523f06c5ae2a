// Blocks, mutes and direct conversations through the services on PostgreSQL (docs/visibility.md):
// what each write does in its transaction, what each refuses (and that a refusal writes nothing),
// and what the reads leave out — with and without the read cache. Who sees which status on every
// read path is the table of apps/web/test/visibility-table.test.ts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { isDomainError, type ErrorCode } from '@microposts/core';
import { appOn, testApp } from '../../../test/support/app.ts';
import { fixtures, type TestAccount } from '../../../test/support/fixtures.ts';
import { waitFor } from '../../../test/support/wait.ts';

const app = await testApp();
const cached = await appOn(app.databaseUrl, {}, { cache: true });
const { services: s, db } = app;
const f = fixtures(app);
const page = { limit: 40 };

let n = 0;
const person = (name: string) => f.account({ username: `${name}${++n}` });

async function refused(work: Promise<unknown>, code: ErrorCode, message?: string) {
  await assert.rejects(work, (e: unknown) => {
    assert.ok(isDomainError(e, code), `expected ${code}, got ${String(e)}`);
    if (message) assert.equal(e.message, message);
    return true;
  });
}

/** Every row of the tables these features write, to show a refusal wrote nothing. */
async function snapshot() {
  const { rows } = await sql<{ t: string }>`
    SELECT (SELECT coalesce(json_agg(b ORDER BY id), '[]') FROM blocks b)::text
      || (SELECT coalesce(json_agg(m ORDER BY id), '[]') FROM mutes m)::text
      || (SELECT coalesce(json_agg(f ORDER BY id), '[]') FROM follows f)::text
      || (SELECT coalesce(json_agg(x ORDER BY id), '[]') FROM notifications x)::text
      || (SELECT coalesce(json_agg(c ORDER BY id), '[]') FROM account_conversations c)::text AS t`.execute(
    db,
  );
  return rows[0]!.t;
}

const mentionJobs = async (statusId: string) =>
  (
    await sql<{ key: string }>`SELECT key FROM graphile_worker._private_jobs
      WHERE key LIKE ${`mention-email:${statusId}:%`}`.execute(db)
  ).rows.map((r) => r.key.split(':')[2]);

const ids = (list: Array<{ id: string }>) => list.map((x) => x.id);

describe('blocks', () => {
  test('a block ends the follows both ways (counters and follow notifications with them) and forbids new ones', async () => {
    const ann = await person('ann');
    const bo = await person('bo');
    await f.follow(ann, bo);
    await f.follow(bo, ann);
    const rel = await s.blocks.block({ actorId: ann.id, targetId: bo.id });
    assert.deepEqual(rel, {
      id: bo.id,
      following: false,
      followedBy: false,
      showingReblogs: false,
      blocking: true,
      blockedBy: false,
      muting: false,
      mutingNotifications: false,
    });
    for (const who of [ann, bo]) {
      const p = await s.accounts.profile(who.username);
      assert.deepEqual([p.followersCount, p.followingCount], [0, 0], who.username);
    }
    assert.deepEqual(
      (await s.notifications.list({ actorId: ann.id, page })).filter((x) => x.type === 'follow'),
      [],
      'no follow notifications left',
    );
    const before = await snapshot();
    await refused(
      s.follows.follow({ actorId: ann.id, targetId: bo.id }),
      'blocked',
      'You cannot do that while one of you blocks the other.',
    );
    await refused(s.follows.follow({ actorId: bo.id, targetId: ann.id }), 'blocked');
    assert.equal(await snapshot(), before, 'nothing written');
    assert.equal(
      (await s.follows.relationships({ actorId: bo.id, targetIds: [ann.id] }))[0]!.blockedBy,
      true,
    );
    // Blocking again changes nothing; unblocking lets them follow again, but brings back no follow.
    await s.blocks.block({ actorId: ann.id, targetId: bo.id });
    assert.equal(await snapshot(), before);
    const lifted = await s.blocks.unblock({ actorId: ann.id, targetId: bo.id });
    assert.deepEqual([lifted.blocking, lifted.following, lifted.followedBy], [false, false, false]);
    await f.follow(bo, ann);
  });

  test("a block takes the blocker's notifications from the blocked and conversations with it", async () => {
    const cy = await person('cy');
    const di = await person('di');
    const mine = await f.status(cy, 'cy writes');
    await f.favourite(di, mine);
    await s.statuses.create({ actorId: di.id, text: `@${cy.username} psst`, visibility: 'direct' });
    assert.equal((await s.notifications.list({ actorId: cy.id, page })).length, 2);
    assert.equal((await s.conversations.list({ actorId: cy.id, page })).length, 1);
    await s.blocks.block({ actorId: cy.id, targetId: di.id });
    assert.deepEqual(await s.notifications.list({ actorId: cy.id, page }), []);
    assert.equal(await s.notifications.unreadCount(cy.id), 0);
    assert.deepEqual(await s.conversations.list({ actorId: cy.id, page }), []);
  });

  test('refusals: blocking yourself, an unknown or suspended account, a suspended actor; nothing written', async () => {
    const ed = await person('ed');
    const gone = await f.account({ username: `gone${++n}`, suspended: true });
    const sus = await f.account({ username: `sus${++n}`, suspended: true });
    const before = await snapshot();
    await refused(
      s.blocks.block({ actorId: ed.id, targetId: ed.id }),
      'cannot_block_self',
      'You cannot block yourself.',
    );
    await refused(s.blocks.block({ actorId: ed.id, targetId: '123' }), 'not_found');
    await refused(s.blocks.block({ actorId: ed.id, targetId: 'abc' }), 'not_found');
    await refused(s.blocks.block({ actorId: ed.id, targetId: gone.id }), 'not_found');
    await refused(s.blocks.block({ actorId: sus.id, targetId: ed.id }), 'account_suspended');
    await refused(s.blocks.unblock({ actorId: ed.id, targetId: '123' }), 'not_found');
    assert.equal(await snapshot(), before);
  });

  test('the list of blocked accounts: newest block first, paged by block id', async () => {
    const fay = await person('fay');
    const targets: TestAccount[] = [];
    for (let i = 0; i < 3; i++) {
      const t = await person('t');
      targets.push(t);
      await s.blocks.block({ actorId: fay.id, targetId: t.id });
    }
    const first = await s.blocks.list({ actorId: fay.id, page: { limit: 2 } });
    assert.deepEqual(
      first.map((e) => e.item.id),
      [targets[2]!.id, targets[1]!.id],
    );
    const next = await s.blocks.list({ actorId: fay.id, page: { limit: 2, maxId: first[1]!.id } });
    assert.deepEqual(
      next.map((e) => e.item.id),
      [targets[0]!.id],
    );
  });

  test("mentions across a block: the author's mention of an account it blocks is dropped; one that blocks the author is neither notified nor e-mailed", async () => {
    const gil = await person('gil');
    const hal = await person('hal');
    const ida = await person('ida');
    const joe = await person('joe');
    await s.blocks.block({ actorId: gil.id, targetId: hal.id }); // gil blocks hal
    await s.blocks.block({ actorId: ida.id, targetId: gil.id }); // ida blocks gil
    const st = await s.statuses.create({
      actorId: gil.id,
      text: `hi @${hal.username} @${ida.username} @${joe.username}`,
    });
    assert.deepEqual(
      st.mentions.map((m) => m.accountId).sort(),
      [ida.id, joe.id].sort(),
      'the mention of hal is dropped',
    );
    const mentioned = async (who: TestAccount) =>
      (await s.notifications.list({ actorId: who.id, page })).some((x) => x.status?.id === st.id);
    assert.deepEqual(
      [await mentioned(hal), await mentioned(ida), await mentioned(joe)],
      [false, false, true],
    );
    assert.deepEqual(await mentionJobs(st.id), [joe.id], 'an e-mail to joe only');
    // A block made after posting: the e-mail is not sent (the status is read as its recipient sees it).
    await s.blocks.block({ actorId: joe.id, targetId: gil.id });
    assert.equal(await s.mail.sendMentionEmail({ statusId: st.id, accountId: joe.id }), 'status_gone');
  });

  test('across a block there is nothing to favourite, reply to, or list', async () => {
    const kim = await person('kim');
    const lou = await person('lou');
    const kims = await f.status(kim, 'kim here');
    await f.favourite(lou, kims);
    await s.blocks.block({ actorId: kim.id, targetId: lou.id });
    const before = await snapshot();
    await refused(s.favourites.favourite({ actorId: lou.id, statusId: kims.id }), 'not_found');
    await refused(
      s.statuses.create({ actorId: lou.id, text: 'a reply', inReplyToId: kims.id }),
      'reply_target_missing',
    );
    assert.equal(await snapshot(), before);
    await refused(s.favourites.favouritedBy({ statusId: kims.id, page, viewerId: lou.id }), 'not_found');
    assert.deepEqual(
      await s.favourites.favouritedBy({ statusId: kims.id, page, viewerId: kim.id }),
      [],
      'nor the other way',
    );
    assert.equal((await s.favourites.favouritedBy({ statusId: kims.id, page })).length, 1, 'others see it');
    assert.deepEqual(await s.follows.followers({ accountId: kim.id, page, viewerId: lou.id }), []);
    assert.deepEqual(
      await s.search.search({ q: lou.username, type: 'accounts', viewerId: kim.id }),
      { accounts: [], statuses: [], hashtags: [] },
      'no account found across a block',
    );
  });
});

describe('mutes', () => {
  test("a mute hides the account's statuses from home, public and hashtag timelines, threads and search, not from its profile or a status page", async () => {
    for (const [label, services] of [
      ['without a cache', s],
      ['with a cache', cached.services],
    ] as const) {
      const max = await person('max');
      const ned = await person('ned');
      await f.follow(max, ned);
      const root = await f.status(max, 'max asks');
      const loud = await f.status(ned, 'mumbleword #mumbletag', { inReplyTo: root });
      const sees = async () => ({
        home: ids(await services.timelines.home({ actorId: max.id, page })).includes(loud.id),
        public: ids(await services.timelines.public(page, max.id)).includes(loud.id),
        tag: ids((await services.tags.timeline('mumbletag', page, max.id)).statuses).includes(loud.id),
        thread: (await services.statuses.context({ statusId: root.id, viewerId: max.id })).descendants.some(
          (d) => d.status.id === loud.id,
        ),
        search: ids((await services.search.search({ q: 'mumbleword', viewerId: max.id })).statuses).includes(
          loud.id,
        ),
        profile: ids((await services.timelines.account(ned.username, page, max.id)).statuses).includes(
          loud.id,
        ),
        page: (await services.statuses.get(loud.id, max.id)).id === loud.id,
      });
      assert.deepEqual(
        await sees(),
        { home: true, public: true, tag: true, thread: true, search: true, profile: true, page: true },
        label,
      );
      const rel = await s.mutes.mute({ actorId: max.id, targetId: ned.id });
      assert.deepEqual(
        [rel.muting, rel.mutingNotifications, rel.following],
        [true, true, true],
        'a mute keeps the follow',
      );
      await waitFor(async () => !(await sees()).home, 'the cache to hear of the mute');
      assert.deepEqual(
        await sees(),
        { home: false, public: false, tag: false, thread: false, search: false, profile: true, page: true },
        label,
      );
    }
  });

  test('with notifications, a mute hides its notifications (also those from before) and the unread count; without, they stay', async () => {
    const oda = await person('oda');
    const pat = await person('pat');
    const odas = await f.status(oda, 'notice me');
    await f.favourite(pat, odas);
    await s.statuses.create({ actorId: pat.id, text: `hey @${oda.username}` });
    assert.equal(await s.notifications.unreadCount(oda.id), 2);
    await s.mutes.mute({ actorId: oda.id, targetId: pat.id, notifications: false });
    assert.equal((await s.notifications.list({ actorId: oda.id, page })).length, 2);
    await s.mutes.mute({ actorId: oda.id, targetId: pat.id, notifications: true });
    for (const services of [s, cached.services]) {
      assert.deepEqual(await services.notifications.list({ actorId: oda.id, page }), []);
      assert.equal(await services.notifications.unreadCount(oda.id), 0);
    }
    const later = await s.statuses.create({ actorId: pat.id, text: `again @${oda.username}` });
    assert.deepEqual(await mentionJobs(later.id), [], 'no e-mail while muted with notifications');
    await s.mutes.unmute({ actorId: oda.id, targetId: pat.id });
    assert.equal(
      (await s.notifications.list({ actorId: oda.id, page })).length,
      2,
      'the earlier ones come back',
    );
  });

  test('a mute with a duration ends by itself, without a write: every read checks its end', async () => {
    const quinn = await person('quinn');
    const rex = await person('rex');
    await f.follow(quinn, rex);
    const rexs = await f.status(rex, 'rex is back soon');
    await f.favourite(rex, await f.status(quinn, 'quinn'));
    const home = () => cached.services.timelines.home({ actorId: quinn.id, page });
    assert.ok(ids(await home()).includes(rexs.id));
    const unreadBefore = await cached.services.notifications.unreadCount(quinn.id);
    await s.mutes.mute({ actorId: quinn.id, targetId: rex.id, duration: 2 });
    const mute = (await s.mutes.list({ actorId: quinn.id, page }))[0]!;
    assert.equal(mute.item.id, rex.id);
    assert.ok(mute.item.muteExpiresAt && mute.item.muteExpiresAt.getTime() > Date.now());
    await waitFor(async () => !ids(await home()).includes(rexs.id), 'the mute to be heard');
    assert.equal(await cached.services.notifications.unreadCount(quinn.id), unreadBefore - 1);
    // No write happens when the mute ends; the cached reads still come back on time.
    await waitFor(async () => ids(await home()).includes(rexs.id), 'the mute to end');
    assert.equal(await cached.services.notifications.unreadCount(quinn.id), unreadBefore);
    assert.equal(
      (await s.follows.relationships({ actorId: quinn.id, targetIds: [rex.id] }))[0]!.muting,
      false,
    );
    assert.deepEqual(await s.mutes.list({ actorId: quinn.id, page }), []);
    // Housekeeping deletes it afterwards.
    assert.ok((await s.housekeeping.purgeExpired()).mutes >= 1);
    assert.equal(
      Number(
        (await sql<{ n: string }>`SELECT count(*) AS n FROM mutes WHERE account_id = ${quinn.id}`.execute(db))
          .rows[0]!.n,
      ),
      0,
    );
  });

  test('muting again replaces the terms and keeps the place in the list', async () => {
    const sal = await person('sal');
    const ty = await person('ty');
    const uma = await person('uma');
    await s.mutes.mute({ actorId: sal.id, targetId: ty.id, duration: 3600 });
    await s.mutes.mute({ actorId: sal.id, targetId: uma.id });
    await s.mutes.mute({ actorId: sal.id, targetId: ty.id, notifications: false });
    const list = await s.mutes.list({ actorId: sal.id, page });
    assert.deepEqual(
      list.map((e) => [e.item.id, e.item.muteExpiresAt]),
      [
        [uma.id, null],
        [ty.id, null],
      ],
    );
    const rel = (await s.follows.relationships({ actorId: sal.id, targetIds: [ty.id] }))[0]!;
    assert.deepEqual([rel.muting, rel.mutingNotifications], [true, false]);
  });

  test('refusals: muting yourself or an unknown account, a bad duration; nothing written', async () => {
    const vic = await person('vic');
    const wes = await person('wes');
    const before = await snapshot();
    await refused(
      s.mutes.mute({ actorId: vic.id, targetId: vic.id }),
      'cannot_mute_self',
      'You cannot mute yourself.',
    );
    await refused(s.mutes.mute({ actorId: vic.id, targetId: '123' }), 'not_found');
    for (const duration of [-1, 1.5, 'soon', '10s', 2 ** 31, true]) {
      await assert.rejects(s.mutes.mute({ actorId: vic.id, targetId: wes.id, duration }), (e: unknown) => {
        assert.ok(isDomainError(e, 'validation_failed'), String(duration));
        assert.deepEqual((e as unknown as { fields: unknown }).fields, {
          duration: 'Duration must be a whole number of seconds from 0 (no end) to 2147483647.',
        });
        return true;
      });
    }
    assert.equal(await snapshot(), before);
  });
});

describe('direct conversations', () => {
  test('a direct status joins the conversation of each participant; replies join it; read, remove and delete', async () => {
    const xia = await person('xia');
    const yul = await person('yul');
    const zed = await person('zed');
    const first = await s.statuses.create({
      actorId: xia.id,
      text: `@${yul.username} @${zed.username} shall we?`,
      visibility: 'direct',
    });
    const of = async (who: TestAccount) =>
      (await s.conversations.list({ actorId: who.id, page })).map((e) => ({
        unread: e.item.unread,
        with: e.item.accounts.map((a) => a.username).sort(),
        last: e.item.lastStatus?.id,
        cursor: e.id,
      }));
    assert.deepEqual(await of(xia), [
      { unread: false, with: [yul.username, zed.username].sort(), last: first.id, cursor: first.id },
    ]);
    assert.deepEqual(await of(yul), [
      { unread: true, with: [xia.username, zed.username].sort(), last: first.id, cursor: first.id },
    ]);
    const answer = await s.statuses.create({
      actorId: yul.id,
      text: `@${xia.username} @${zed.username} yes`,
      visibility: 'direct',
      inReplyToId: first.id,
    });
    const [xias] = await of(xia);
    assert.deepEqual([xias!.unread, xias!.last], [true, answer.id], 'the reply joins the same conversation');
    assert.equal((await of(yul))[0]!.unread, false, 'the author of the newest status has read it');
    const id = (await s.conversations.list({ actorId: xia.id, page }))[0]!.item.id;
    const read = await s.conversations.markRead({ actorId: xia.id, id });
    assert.equal(read.unread, false);
    // Someone else's conversation is not found, and nothing changes.
    const before = await snapshot();
    await refused(s.conversations.markRead({ actorId: zed.id, id }), 'not_found');
    await refused(s.conversations.remove({ actorId: zed.id, id }), 'not_found');
    await refused(s.conversations.remove({ actorId: zed.id, id: 'abc' }), 'not_found');
    assert.equal(await snapshot(), before);
    // Deleting the newest status: the conversation shows the one before it.
    await s.statuses.delete({ actorId: yul.id, statusId: answer.id });
    assert.equal((await of(xia))[0]!.last, first.id);
    await s.conversations.remove({ actorId: xia.id, id });
    assert.deepEqual(await of(xia), []);
    assert.equal((await of(zed)).length, 1, 'removed from her list only');
    await s.statuses.delete({ actorId: xia.id, statusId: first.id });
    assert.deepEqual(await of(zed), [], 'a conversation without statuses goes');
  });

  test('a direct status to yourself alone is a conversation with yourself', async () => {
    const ava = await person('ava');
    await s.statuses.create({ actorId: ava.id, text: 'a note to self', visibility: 'direct' });
    const [c] = await s.conversations.list({ actorId: ava.id, page });
    assert.deepEqual(
      c!.item.accounts.map((a) => a.id),
      [ava.id],
    );
  });
});
