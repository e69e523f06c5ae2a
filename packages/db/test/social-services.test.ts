// Follows, favourites, threads, home timeline and notifications through the real services on PostgreSQL.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { isDomainError, type Account } from '@microposts/core';
import { testApp } from '../../../test/support/app.ts';

const app = await testApp();
const s = app.services;
const db = app.db;
const page = (limit = 20, more: Record<string, string> = {}) => ({ limit, ...more });
let n = 0;
const register = (name: string) =>
  s.accounts.register({
    username: `${name}${++n}`,
    email: `${name}${n}@example.com`,
    password: 'correct horse battery',
  });
const count = async (table: 'follows' | 'favourites' | 'notifications' | 'statuses') =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const suspend = (a: Account) =>
  db.updateTable('accounts').set({ suspended_at: new Date() }).where('id', '=', a.id).execute();

describe('follows', () => {
  let alice: Account, bob: Account;
  before(async () => {
    alice = await register('alice');
    bob = await register('bob');
  });

  test('follow, counts, lists, relationship; a second follow writes nothing', async () => {
    const rel = await s.follows.follow({ actorId: alice.id, targetId: bob.id });
    const none = { blocking: false, blockedBy: false, muting: false, mutingNotifications: false };
    assert.deepEqual(rel, { id: bob.id, following: true, followedBy: false, showingReblogs: true, ...none });
    const [follows, notifications] = [await count('follows'), await count('notifications')];
    assert.deepEqual(await s.follows.follow({ actorId: alice.id, targetId: bob.id }), rel);
    assert.equal(await count('follows'), follows);
    assert.equal(await count('notifications'), notifications);

    const [fromBob] = await s.follows.relationships({ actorId: bob.id, targetIds: [alice.id] });
    assert.deepEqual(fromBob, {
      id: alice.id,
      following: false,
      followedBy: true,
      showingReblogs: false,
      ...none,
    });
    const bobProfile = await s.accounts.profile(bob.username);
    assert.equal(bobProfile.followersCount, 1);
    assert.equal(bobProfile.followingCount, 0);
    assert.equal((bobProfile as unknown as { email?: string }).email, undefined);
    const followers = await s.follows.followers({ accountId: bob.id, page: page() });
    assert.deepEqual(
      followers.map((e) => e.item.username),
      [alice.username],
    );
    const following = await s.follows.following({ accountId: alice.id, page: page() });
    assert.equal(following[0]!.item.id, bob.id);
    assert.equal(following[0]!.id, followers[0]!.id, 'entries are paginated by the follow id');

    const [notification] = await s.notifications.list({ actorId: bob.id, page: page() });
    assert.equal(notification!.type, 'follow');
    assert.equal(notification!.account.id, alice.id);
    assert.equal(notification!.status, null);
  });

  test('unfollow removes the follow and its notification; again changes nothing', async () => {
    const carol = await register('carol');
    await s.follows.follow({ actorId: carol.id, targetId: alice.id });
    assert.equal((await s.notifications.list({ actorId: alice.id, page: page() })).length, 1);
    const rel = await s.follows.unfollow({ actorId: carol.id, targetId: alice.id });
    assert.equal(rel.following, false);
    assert.equal((await s.notifications.list({ actorId: alice.id, page: page() })).length, 0);
    await s.follows.unfollow({ actorId: carol.id, targetId: alice.id });
    assert.equal((await s.accounts.profile(alice.username)).followersCount, 0);
  });

  test('following yourself or a missing account is refused and writes nothing', async () => {
    const before = [await count('follows'), await count('notifications')];
    await assert.rejects(
      s.follows.follow({ actorId: alice.id, targetId: alice.id }),
      (e) => isDomainError(e, 'cannot_follow_self') && e.message === 'You cannot follow yourself.',
    );
    for (const targetId of ['999999999', 'nope', '']) {
      await assert.rejects(s.follows.follow({ actorId: alice.id, targetId }), (e) =>
        isDomainError(e, 'not_found'),
      );
    }
    assert.deepEqual([await count('follows'), await count('notifications')], before);
  });

  test('followers and following paginate by the follow id', async () => {
    const star = await register('star');
    const fans = [];
    for (let i = 0; i < 5; i++) {
      const fan = await register('fan');
      await s.follows.follow({ actorId: fan.id, targetId: star.id });
      fans.push(fan.username);
    }
    const first = await s.follows.followers({ accountId: star.id, page: page(2) });
    assert.deepEqual(
      first.map((e) => e.item.username),
      [fans[4], fans[3]],
    );
    const second = await s.follows.followers({ accountId: star.id, page: page(2, { maxId: first[1]!.id }) });
    assert.deepEqual(
      second.map((e) => e.item.username),
      [fans[2], fans[1]],
    );
    const newer = await s.follows.followers({ accountId: star.id, page: page(2, { minId: second[0]!.id }) });
    assert.deepEqual(
      newer.map((e) => e.item.username),
      [fans[4], fans[3]],
    );
  });
});

describe('favourites', () => {
  test('favourite counts once, notifies the author once, unfavourite removes both', async () => {
    const author = await register('author');
    const fan = await register('fan');
    const status = await s.statuses.create({ actorId: author.id, text: 'like me' });
    const faved = await s.favourites.favourite({ actorId: fan.id, statusId: status.id });
    assert.equal(faved.favourited, true);
    assert.equal(faved.favouritesCount, 1);
    const again = await s.favourites.favourite({ actorId: fan.id, statusId: status.id });
    assert.equal(again.favouritesCount, 1);
    const notes = await s.notifications.list({ actorId: author.id, page: page() });
    assert.deepEqual(
      notes.map((x) => [x.type, x.account.id, x.status?.id]),
      [['favourite', fan.id, status.id]],
    );
    assert.equal((await s.statuses.get(status.id, author.id)).favourited, false);
    assert.equal((await s.statuses.get(status.id, fan.id)).favourited, true);
    assert.equal((await s.statuses.get(status.id)).favouritesCount, 1);

    const by = await s.favourites.favouritedBy({ statusId: status.id, page: page() });
    assert.deepEqual(
      by.map((e) => e.item.id),
      [fan.id],
    );
    const mine = await s.favourites.list({ actorId: fan.id, page: page() });
    assert.deepEqual(
      mine.map((e) => e.item.id),
      [status.id],
    );
    assert.equal(mine[0]!.id, by[0]!.id);

    const un = await s.favourites.unfavourite({ actorId: fan.id, statusId: status.id });
    assert.equal(un.favourited, false);
    assert.equal(un.favouritesCount, 0);
    assert.equal((await s.notifications.list({ actorId: author.id, page: page() })).length, 0);
    await s.favourites.unfavourite({ actorId: fan.id, statusId: status.id });
  });

  test('favouriting your own status notifies nobody', async () => {
    const me = await register('self');
    const status = await s.statuses.create({ actorId: me.id, text: 'mine' });
    await s.favourites.favourite({ actorId: me.id, statusId: status.id });
    assert.equal((await s.notifications.list({ actorId: me.id, page: page() })).length, 0);
  });

  test('favouriting a missing status is refused and writes nothing', async () => {
    const me = await register('fav');
    const before = [await count('favourites'), await count('notifications')];
    for (const statusId of ['123', 'x']) {
      await assert.rejects(s.favourites.favourite({ actorId: me.id, statusId }), { code: 'not_found' });
    }
    assert.deepEqual([await count('favourites'), await count('notifications')], before);
  });

  test('deleting a status deletes its favourites and notifications', async () => {
    const author = await register('author');
    const fan = await register('fan');
    const status = await s.statuses.create({ actorId: author.id, text: `hi @${fan.username}` });
    await s.favourites.favourite({ actorId: fan.id, statusId: status.id });
    assert.equal((await s.notifications.list({ actorId: fan.id, page: page() })).length, 1);
    await s.statuses.delete({ actorId: author.id, statusId: status.id });
    assert.equal((await s.notifications.list({ actorId: fan.id, page: page() })).length, 0);
    assert.equal((await s.notifications.list({ actorId: author.id, page: page() })).length, 0);
    assert.equal(
      (await db.selectFrom('favourites').selectAll().where('status_id', '=', status.id).execute()).length,
      0,
    );
  });
});

describe('mentions and notifications', () => {
  test('a mention notifies each named account once, not the author; read state and filters', async () => {
    const author = await register('author');
    const a = await register('a');
    const status = await s.statuses.create({
      actorId: author.id,
      text: `@${a.username} @${a.username.toUpperCase()} @${author.username} @nobody hi`,
    });
    const list = await s.notifications.list({ actorId: a.id, page: page() });
    assert.deepEqual(
      list.map((x) => [x.type, x.status?.id, x.readAt]),
      [['mention', status.id, null]],
    );
    assert.equal((await s.notifications.list({ actorId: author.id, page: page() })).length, 0);
    assert.equal(await s.notifications.unreadCount(a.id), 1);

    await s.follows.follow({ actorId: author.id, targetId: a.id });
    const types = async (input: { types?: string[]; excludeTypes?: string[] }) =>
      (await s.notifications.list({ actorId: a.id, page: page(), ...input })).map((x) => x.type);
    assert.deepEqual(await types({}), ['follow', 'mention']);
    assert.deepEqual(await types({ types: ['mention'] }), ['mention']);
    assert.deepEqual(await types({ excludeTypes: ['mention'] }), ['follow']);
    assert.deepEqual(await types({ types: ['poll'] }), []);

    assert.equal(await s.notifications.markRead({ actorId: a.id }), 2);
    assert.equal(await s.notifications.unreadCount(a.id), 0);
    const got = await s.notifications.get({ actorId: a.id, id: list[0]!.id });
    assert.ok(got.readAt);
  });

  test("get and dismiss are refused for someone else's notification; clear removes all", async () => {
    const author = await register('author');
    const a = await register('a');
    const other = await register('other');
    await s.statuses.create({ actorId: author.id, text: `@${a.username} one` });
    await s.statuses.create({ actorId: author.id, text: `@${a.username} two` });
    const [first] = await s.notifications.list({ actorId: a.id, page: page() });
    await assert.rejects(s.notifications.get({ actorId: other.id, id: first!.id }), { code: 'not_found' });
    await assert.rejects(s.notifications.dismiss({ actorId: other.id, id: first!.id }), {
      code: 'not_found',
    });
    await assert.rejects(s.notifications.dismiss({ actorId: a.id, id: 'abc' }), { code: 'not_found' });
    assert.equal((await s.notifications.list({ actorId: a.id, page: page() })).length, 2);
    await s.notifications.dismiss({ actorId: a.id, id: first!.id });
    assert.equal((await s.notifications.list({ actorId: a.id, page: page() })).length, 1);
    assert.equal(await s.notifications.clear({ actorId: a.id }), 1);
    assert.equal((await s.notifications.list({ actorId: a.id, page: page() })).length, 0);
  });
});

describe('threads', () => {
  test('context: ancestors oldest first, descendants depth-first, counts', async () => {
    const a = await register('a');
    const b = await register('b');
    const root = await s.statuses.create({ actorId: a.id, text: 'root' });
    const r1 = await s.statuses.create({ actorId: b.id, text: 'r1', inReplyToId: root.id });
    const r2 = await s.statuses.create({ actorId: a.id, text: 'r2', inReplyToId: root.id });
    const r11 = await s.statuses.create({ actorId: a.id, text: 'r1.1', inReplyToId: r1.id });
    const r111 = await s.statuses.create({ actorId: b.id, text: 'r1.1.1', inReplyToId: r11.id });

    const ctx = await s.statuses.context({ statusId: root.id });
    assert.deepEqual(ctx.ancestors, []);
    assert.deepEqual(
      ctx.descendants.map((d) => [d.status.text, d.depth]),
      [
        ['r1', 1],
        ['r1.1', 2],
        ['r1.1.1', 3],
        ['r2', 1],
      ],
    );
    assert.equal(ctx.status.repliesCount, 2);

    const deep = await s.statuses.context({ statusId: r11.id, viewerId: b.id });
    assert.deepEqual(
      deep.ancestors.map((x) => x.text),
      ['root', 'r1'],
    );
    assert.deepEqual(
      deep.descendants.map((d) => d.status.id),
      [r111.id],
    );
    assert.equal(r2.inReplyToAccountId, a.id);
    await assert.rejects(s.statuses.context({ statusId: '1' }), { code: 'not_found' });
  });

  test('replying to a missing or deleted status is refused and writes nothing', async () => {
    const a = await register('a');
    const gone = await s.statuses.create({ actorId: a.id, text: 'soon gone' });
    await s.statuses.delete({ actorId: a.id, statusId: gone.id });
    const before = await count('statuses');
    for (const inReplyToId of [gone.id, '42', 'abc']) {
      await assert.rejects(
        s.statuses.create({ actorId: a.id, text: 'reply', inReplyToId }),
        (e) =>
          isDomainError(e, 'reply_target_missing') &&
          e.message === 'The status you replied to does not exist.',
      );
    }
    assert.equal(await count('statuses'), before);
  });
});

describe('home timeline', () => {
  test('own statuses and followed accounts, newest first, paginated; not others, not suspended', async () => {
    const me = await register('me');
    const friend = await register('friend');
    const stranger = await register('stranger');
    const gone = await register('gone');
    await s.follows.follow({ actorId: me.id, targetId: friend.id });
    await s.follows.follow({ actorId: me.id, targetId: gone.id });
    const texts: string[] = [];
    for (let i = 0; i < 3; i++) {
      await s.statuses.create({ actorId: friend.id, text: `friend ${i}` });
      await s.statuses.create({ actorId: stranger.id, text: `stranger ${i}` });
      await s.statuses.create({ actorId: me.id, text: `me ${i}` });
      await s.statuses.create({ actorId: gone.id, text: `gone ${i}` });
      texts.push(`friend ${i}`, `me ${i}`);
    }
    await suspend(gone);
    const all = await s.timelines.home({ actorId: me.id, page: page() });
    assert.deepEqual(
      all.map((x) => x.text),
      texts.toReversed(),
    );
    const first = await s.timelines.home({ actorId: me.id, page: page(4) });
    const second = await s.timelines.home({ actorId: me.id, page: page(4, { maxId: first.at(-1)!.id }) });
    assert.deepEqual(
      [...first, ...second].map((x) => x.text),
      texts.toReversed(),
    );
    const back = await s.timelines.home({ actorId: me.id, page: page(2, { minId: second[0]!.id }) });
    assert.deepEqual(
      back.map((x) => x.text),
      first.slice(2, 4).map((x) => x.text),
    );
    const since = await s.timelines.home({ actorId: me.id, page: page(2, { sinceId: second[0]!.id }) });
    assert.deepEqual(
      since.map((x) => x.text),
      first.slice(0, 2).map((x) => x.text),
    );
  });
});

describe('home timeline beyond the window', () => {
  test('follows whose statuses are older than the newest HOME_WINDOW statuses still show, in order', async () => {
    const me = await register('quiet');
    const friend = await register('oldfriend');
    const loud = await register('loud');
    await s.follows.follow({ actorId: me.id, targetId: friend.id });
    const old1 = await s.statuses.create({ actorId: friend.id, text: 'old one' });
    const old2 = await s.statuses.create({ actorId: friend.id, text: 'old two' });
    // More than HOME_WINDOW (4,000) newer statuses by someone not followed, written in one statement.
    await sql`INSERT INTO statuses (account_id, text, html, visibility)
      SELECT ${loud.id}, 'noise', '<p>noise</p>', 'public' FROM generate_series(1, 4100)`.execute(db);
    const mine = await s.statuses.create({ actorId: me.id, text: 'mine, newest' });
    const home = await s.timelines.home({ actorId: me.id, page: page(2) });
    assert.deepEqual(
      home.map((x) => x.id),
      [mine.id, old2.id],
    );
    const next = await s.timelines.home({ actorId: me.id, page: page(2, { maxId: old2.id }) });
    assert.deepEqual(
      next.map((x) => x.id),
      [old1.id],
    );
  });
});

describe('suspended accounts', () => {
  test('every social write by a suspended account is refused and writes nothing', async () => {
    const bad = await register('bad');
    const good = await register('good');
    const status = await s.statuses.create({ actorId: good.id, text: 'hello' });
    await s.statuses.create({ actorId: bad.id, text: `@${good.username} hi` });
    const [note] = await s.notifications.list({ actorId: good.id, page: page() });
    await s.statuses.create({ actorId: good.id, text: `@${bad.username} hey` });
    const [badNote] = await s.notifications.list({ actorId: bad.id, page: page() });
    await suspend(bad);
    const before = [await count('follows'), await count('favourites'), await count('notifications')];
    const suspended = (e: unknown) =>
      isDomainError(e, 'account_suspended') && e.message === 'This account is suspended.';
    await assert.rejects(s.follows.follow({ actorId: bad.id, targetId: good.id }), suspended);
    await assert.rejects(s.follows.unfollow({ actorId: bad.id, targetId: good.id }), suspended);
    await assert.rejects(s.favourites.favourite({ actorId: bad.id, statusId: status.id }), suspended);
    await assert.rejects(s.favourites.unfavourite({ actorId: bad.id, statusId: status.id }), suspended);
    await assert.rejects(s.notifications.dismiss({ actorId: bad.id, id: badNote!.id }), suspended);
    await assert.rejects(s.notifications.clear({ actorId: bad.id }), suspended);
    await assert.rejects(s.follows.follow({ actorId: good.id, targetId: bad.id }), { code: 'not_found' });
    assert.deepEqual(
      [await count('follows'), await count('favourites'), await count('notifications')],
      before,
    );
    // Their mention of good is hidden with them.
    assert.ok(note);
    assert.equal((await s.notifications.list({ actorId: good.id, page: page() })).length, 0);
    assert.equal(await s.notifications.unreadCount(good.id), 0);
  });
});

describe("an account's statuses with Mastodon's filters", () => {
  test('exclude_replies keeps self-replies; tagged matches the hashtag exactly; pages stay full', async () => {
    const ann = await register('ann');
    const other = await register('other');
    const theirs = await s.statuses.create({ actorId: other.id, text: 'their post' });
    const root = await s.statuses.create({ actorId: ann.id, text: 'a #cat picture' });
    const selfReply = await s.statuses.create({ actorId: ann.id, text: 'more #Cat', inReplyToId: root.id });
    const replyToOther = await s.statuses.create({ actorId: ann.id, text: 'nice', inReplyToId: theirs.id });
    const caterpillar = await s.statuses.create({ actorId: ann.id, text: 'a #caterpillars day' });
    const ids = async (input: Record<string, unknown>) =>
      (await s.timelines.accountStatuses({ accountId: ann.id, page: page(), ...input })).map((x) => x.id);

    assert.deepEqual(await ids({}), [caterpillar.id, replyToOther.id, selfReply.id, root.id]);
    assert.deepEqual(await ids({ excludeReplies: true }), [caterpillar.id, selfReply.id, root.id]);
    // Exact, ignoring case and a leading #: #caterpillars is not #cat.
    assert.deepEqual(await ids({ tagged: 'cat' }), [selfReply.id, root.id]);
    assert.deepEqual(await ids({ tagged: '#CAT' }), [selfReply.id, root.id]);
    assert.deepEqual(await ids({ tagged: 'caterpillars' }), [caterpillar.id]);
    assert.deepEqual(await ids({ tagged: 'dog' }), []);
    // Nothing here has media or pins yet.
    assert.deepEqual(await ids({ onlyMedia: true }), []);
    assert.deepEqual(await ids({ pinned: true }), []);
    // The filter runs in SQL, so a page of 2 is two matching statuses however many others there are.
    assert.deepEqual(
      (await s.timelines.accountStatuses({ accountId: ann.id, page: page(2), excludeReplies: true })).map(
        (x) => x.id,
      ),
      [caterpillar.id, selfReply.id],
    );
    await assert.rejects(s.timelines.accountStatuses({ accountId: '1', page: page() }), {
      code: 'not_found',
    });
  });
});
