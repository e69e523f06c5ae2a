// Lists in the client API (Mastodon's shapes and errors): CRUD, members (only accounts you follow;
// unfollowing takes them out), another's list is 404, the list timeline (visibility, mutes, replies
// policy, Link pagination), exclusive lists leaving the home timeline, and followed hashtags bringing
// their statuses into the home timeline — through the API and through a cached App on the same
// database (the home's cached first page must follow tag follows and exclusive lists at once).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appOn } from '../../../test/support/app.ts';
import { startApiServer } from '../../../test/support/api-server.ts';
import { apiFetch } from '../../../test/support/api-fetch.ts';
import { fixtures } from '../../../test/support/fixtures.ts';
import { refusedUnchanged, sqlClient } from '../../../test/support/sql.ts';
import { waitFor } from '../../../test/support/wait.ts';

const server = await startApiServer();
const { services } = server.app;
const api = <T = unknown>(method: string, path: string, req: Parameters<typeof apiFetch>[3] = {}) =>
  apiFetch<T>(server.url, method, path, req);
const f = fixtures(server.app);
const sql = sqlClient(server.app.databaseUrl);
const cached = await appOn(server.app.databaseUrl, {}, { cache: true });

type ListJson = { id: string; title: string; replies_policy: string; exclusive: boolean };
type StatusJson = { id: string; content: string };

const alice = await f.token(await f.account({ username: 'alice' }));
const bob = await f.token(await f.account({ username: 'bob' }));
const carol = await f.token(await f.account({ username: 'carol' }));
const dave = await f.token(await f.account({ username: 'dave' }));
const erin = await f.token(await f.account({ username: 'erin' }));
await f.follow(alice.accountId!, bob.accountId!);
await f.follow(alice.accountId!, carol.accountId!);
await f.follow(alice.accountId!, erin.accountId!);

const snapshot = () =>
  Promise.all([
    sql.rows('SELECT * FROM lists ORDER BY id'),
    sql.rows('SELECT * FROM list_accounts ORDER BY id'),
  ]);

/** The request answers `status` with `{error}`, and writes nothing to lists or list_accounts. */
const refused = refusedUnchanged(snapshot);

async function makeList(token: string, json: Record<string, unknown>): Promise<ListJson> {
  const made = await api<ListJson>('POST', '/api/v1/lists', { token, json });
  assert.equal(made.status, 200, JSON.stringify(made.body));
  return made.body;
}

const ids = (list: StatusJson[]) => list.map((s) => s.id);

/**
 * The cached App is another process as far as the change feed goes: it hears a commit a moment after
 * it, so its reads are awaited until they show what is expected (or the deadline fails the test).
 */
async function eventually(read: () => Promise<string[]>, check: (ids: string[]) => boolean, what: string) {
  await waitFor(async () => check(await read()) || null, what);
}

test('lists are made, read, changed and deleted with Mastodon’s shapes and defaults', async () => {
  assert.deepEqual((await api('GET', '/api/v1/lists', { token: alice.token })).body, []);
  const friends = await makeList(alice.token, { title: '  Friends  ' });
  assert.deepEqual(Object.keys(friends).sort(), ['exclusive', 'id', 'replies_policy', 'title']);
  assert.equal(friends.title, 'Friends');
  assert.equal(friends.replies_policy, 'list');
  assert.equal(friends.exclusive, false);
  // A form body too, with Rails booleans.
  const work = await api<ListJson>('POST', '/api/v1/lists', {
    token: alice.token,
    form: { title: 'Work', replies_policy: 'none', exclusive: 'true' },
  });
  assert.deepEqual(
    { ...work.body, id: '' },
    { id: '', title: 'Work', replies_policy: 'none', exclusive: true },
  );

  assert.deepEqual(
    (await api<ListJson[]>('GET', '/api/v1/lists', { token: alice.token })).body.map((l) => l.title),
    ['Friends', 'Work'],
    'oldest first',
  );
  assert.deepEqual((await api('GET', `/api/v1/lists/${friends.id}`, { token: alice.token })).body, friends);

  const renamed = await api<ListJson>('PUT', `/api/v1/lists/${friends.id}`, {
    token: alice.token,
    json: { title: 'Close friends', replies_policy: 'followed' },
  });
  assert.deepEqual(renamed.body, { ...friends, title: 'Close friends', replies_policy: 'followed' });
  const flagged = await api<ListJson>('PUT', `/api/v1/lists/${friends.id}`, {
    token: alice.token,
    json: { exclusive: true },
  });
  assert.deepEqual(flagged.body, { ...renamed.body, exclusive: true }, 'what is not sent stays');

  assert.deepEqual((await api('DELETE', `/api/v1/lists/${work.body.id}`, { token: alice.token })).body, {});
  assert.equal((await api('GET', `/api/v1/lists/${work.body.id}`, { token: alice.token })).status, 404);
  await api('DELETE', `/api/v1/lists/${friends.id}`, { token: alice.token });
  assert.equal(await sql.count('SELECT count(*) FROM lists WHERE account_id = $1', [alice.accountId]), 0);
});

test('bad list input gets Mastodon’s errors and writes nothing', async () => {
  const list = await makeList(alice.token, { title: 'Checked' });
  const post = (json: unknown) => () => api('POST', '/api/v1/lists', { token: alice.token, json });
  const put = (json: unknown) => () => api('PUT', `/api/v1/lists/${list.id}`, { token: alice.token, json });
  await refused(post({}), 422, "Validation failed: Title can't be blank");
  await refused(post({ title: '   ' }), 422, "Validation failed: Title can't be blank");
  await refused(
    post({ title: 'x'.repeat(256) }),
    422,
    'Validation failed: Title is too long (maximum is 255 characters)',
  );
  await refused(
    post({ title: 'Fine', replies_policy: 'everyone' }),
    422,
    'Validation failed: Replies policy is not included in the list',
  );
  await refused(put({ title: '' }), 422, "Validation failed: Title can't be blank");
  await refused(
    put({ replies_policy: 'all' }),
    422,
    'Validation failed: Replies policy is not included in the list',
  );
  await refused(post({ title: 'a\u0000b' }), 422, 'Validation failed: title must not contain NUL characters');

  // At most 50 lists per account.
  await sql.rows(
    `INSERT INTO lists (account_id, title) SELECT $1, 'filler ' || n FROM generate_series(1, 49) n`,
    [alice.accountId],
  );
  await refused(
    post({ title: 'One too many' }),
    422,
    'Validation failed: You have reached the maximum number of lists',
  );
  await sql.rows(`DELETE FROM lists WHERE account_id = $1`, [alice.accountId]);
});

test('another person’s list is not found, whatever is asked of it, and nothing changes', async () => {
  const list = await makeList(alice.token, { title: 'Mine' });
  await api('POST', `/api/v1/lists/${list.id}/accounts`, {
    token: alice.token,
    json: { account_ids: [bob.accountId] },
  });
  const as = (method: string, path: string, json?: unknown) => () =>
    api(method, path, { token: bob.token, ...(json ? { json } : {}) });
  for (const [method, path, json] of [
    ['GET', `/api/v1/lists/${list.id}`],
    ['PUT', `/api/v1/lists/${list.id}`, { title: 'Theirs' }],
    ['DELETE', `/api/v1/lists/${list.id}`],
    ['GET', `/api/v1/lists/${list.id}/accounts`],
    ['POST', `/api/v1/lists/${list.id}/accounts`, { account_ids: [alice.accountId] }],
    ['DELETE', `/api/v1/lists/${list.id}/accounts`, { account_ids: [bob.accountId] }],
    ['GET', `/api/v1/timelines/list/${list.id}`],
    ['GET', '/api/v1/lists/99999999'],
    ['GET', '/api/v1/lists/not-a-number'],
  ] as Array<[string, string, unknown?]>)
    await refused(as(method, path, json), 404, 'Record not found');
  assert.deepEqual((await api('GET', '/api/v1/lists', { token: bob.token })).body, []);
  assert.deepEqual(
    (await api('GET', `/api/v1/accounts/${bob.accountId}/lists`, { token: bob.token })).body,
    [],
  );

  // Scopes and tokens as Mastodon: read:lists / write:lists, a user's token.
  const readOnly = await f.token(alice.accountId!, 'read:lists');
  assert.equal((await api('GET', `/api/v1/lists/${list.id}`, { token: readOnly.token })).status, 200);
  await refused(
    () => api('POST', '/api/v1/lists', { token: readOnly.token, json: { title: 'No' } }),
    403,
    'This action is outside the authorized scopes',
  );
  const noLists = await f.token(alice.accountId!, 'read:statuses');
  await refused(
    () => api('GET', `/api/v1/timelines/list/${list.id}`, { token: noLists.token }),
    403,
    'This action is outside the authorized scopes',
  );
  const appOnly = await f.token(null, 'read write');
  await refused(
    () => api('GET', '/api/v1/lists', { token: appOnly.token }),
    401,
    'This method requires an authenticated user',
  );
  await refused(() => api('GET', '/api/v1/lists'), 401, 'The access token is invalid');
  await api('DELETE', `/api/v1/lists/${list.id}`, { token: alice.token });
});

test('members: only accounts you follow (and yourself), all or none, paged by account id; unfollowing takes them out', async () => {
  const list = await makeList(alice.token, { title: 'People' });
  const other = await makeList(alice.token, { title: 'Other' });
  const members = (query = '') =>
    api<Array<{ id: string; username: string }>>('GET', `/api/v1/lists/${list.id}/accounts${query}`, {
      token: alice.token,
    });
  const add = (accountIds: unknown) => () =>
    api('POST', `/api/v1/lists/${list.id}/accounts`, {
      token: alice.token,
      json: { account_ids: accountIds },
    });

  // Dave is not followed: Mastodon's Follow.find_by! is a 404, and bob is not added either (all or none).
  await refused(add([bob.accountId, dave.accountId]), 404, 'Record not found');
  await refused(add(['99999999']), 404, 'Record not found');
  await refused(add(['abc']), 404, 'Record not found');
  assert.deepEqual((await add([bob.accountId, carol.accountId, alice.accountId])()).body, {});
  await refused(add([bob.accountId]), 422, 'Validation failed: Account has already been taken');
  // Nothing to add is no change (Mastodon's Array(nil)).
  assert.deepEqual(
    (await api('POST', `/api/v1/lists/${list.id}/accounts`, { token: alice.token, json: {} })).body,
    {},
  );
  // A form with brackets, as other clients send it.
  await api('POST', `/api/v1/lists/${other.id}/accounts`, {
    token: alice.token,
    form: [['account_ids[]', bob.accountId!]],
  });

  const all = await members();
  assert.deepEqual(
    all.body.map((a) => a.username),
    ['carol', 'bob', 'alice'],
    'newest account first',
  );
  const firstPage = await members('?limit=2');
  assert.deepEqual(
    firstPage.body.map((a) => a.username),
    ['carol', 'bob'],
  );
  const next = /<([^>]+)>; rel="next"/.exec(firstPage.headers.get('link') ?? '')?.[1];
  assert.ok(next?.includes(`max_id=${bob.accountId}`), 'paged by account id');
  const rest = await api<Array<{ username: string }>>(
    'GET',
    new URL(next!).pathname + new URL(next!).search,
    {
      token: alice.token,
    },
  );
  assert.deepEqual(
    rest.body.map((a) => a.username),
    ['alice'],
  );
  const unlimited = await members('?limit=0');
  assert.equal(unlimited.body.length, 3, 'limit=0: all of them');
  assert.equal(unlimited.headers.get('link'), null);

  const holding = await api<ListJson[]>('GET', `/api/v1/accounts/${bob.accountId}/lists`, {
    token: alice.token,
  });
  assert.deepEqual(
    holding.body.map((l) => l.title),
    ['People', 'Other'],
  );
  assert.equal((await api('GET', '/api/v1/accounts/99999999/lists', { token: alice.token })).status, 404);

  // Removing: those not in the list are ignored.
  assert.deepEqual(
    (
      await api('DELETE', `/api/v1/lists/${list.id}/accounts`, {
        token: alice.token,
        json: { account_ids: [carol.accountId, dave.accountId] },
      })
    ).body,
    {},
  );
  assert.deepEqual(
    (await members()).body.map((a) => a.username),
    ['bob', 'alice'],
  );

  // Unfollowing takes bob out of every list of alice's (Mastodon does); following again does not bring him back.
  await services.follows.unfollow({ actorId: alice.accountId!, targetId: bob.accountId! });
  assert.deepEqual(
    (await members()).body.map((a) => a.username),
    ['alice'],
  );
  assert.deepEqual(
    (await api('GET', `/api/v1/accounts/${bob.accountId}/lists`, { token: alice.token })).body,
    [],
  );
  await f.follow(alice.accountId!, bob.accountId!);
  assert.deepEqual(
    (await members()).body.map((a) => a.username),
    ['alice'],
  );
  // A block ends the follow, and so the membership.
  await add([carol.accountId])();
  await services.blocks.block({ actorId: carol.accountId!, targetId: alice.accountId! });
  assert.deepEqual(
    (await members()).body.map((a) => a.username),
    ['alice'],
  );
  await services.blocks.unblock({ actorId: carol.accountId!, targetId: alice.accountId! });
  await f.follow(alice.accountId!, carol.accountId!);
  for (const l of [list, other]) await api('DELETE', `/api/v1/lists/${l.id}`, { token: alice.token });
});

test('the list timeline: members’ statuses as the owner may see them, replies by the policy, Link pagination', async () => {
  const list = await makeList(alice.token, { title: 'Timeline' });
  await api('POST', `/api/v1/lists/${list.id}/accounts`, {
    token: alice.token,
    json: { account_ids: [bob.accountId, carol.accountId] },
  });
  const post = (token: { accountId: string | null }, text: string, more: Record<string, unknown> = {}) =>
    services.statuses.create({ actorId: token.accountId!, text, ...more });
  const bobPublic = await post(bob, 'bob public');
  const bobPrivate = await post(bob, 'bob private', { visibility: 'private' });
  const bobDirectOther = await post(bob, 'bob direct to @carol', { visibility: 'direct' });
  const bobDirectAlice = await post(bob, 'bob direct to @alice', { visibility: 'direct' });
  const carolUnlisted = await post(carol, 'carol unlisted', { visibility: 'unlisted' });
  const erinPost = await post(erin, 'erin is followed, not a member');
  const daveTopic = await post(dave, 'dave posts');
  const replyToMember = await post(carol, 'carol replies to bob', { inReplyToId: bobPublic.id });
  const replyToOwner = await post(carol, 'carol replies to alice', {
    inReplyToId: (await post(alice, 'alice')).id,
  });
  const replyToFollowed = await post(bob, 'bob replies to erin', { inReplyToId: erinPost.id });
  const replyToStranger = await post(bob, 'bob replies to dave', { inReplyToId: daveTopic.id });
  const selfReply = await post(bob, 'bob continues', { inReplyToId: bobPublic.id });

  const timeline = async (query = '') =>
    (await api<StatusJson[]>('GET', `/api/v1/timelines/list/${list.id}${query}`, { token: alice.token }))
      .body;
  const base = [bobPublic, bobPrivate, bobDirectAlice, carolUnlisted, replyToOwner, selfReply].map(
    (s) => s.id,
  );
  const expect = (extra: Array<{ id: string }>) =>
    [...base, ...extra.map((s) => s.id)].sort((a, b) => (BigInt(b) > BigInt(a) ? 1 : -1));

  // replies_policy list (the default): replies to members.
  assert.deepEqual(ids(await timeline()), expect([replyToMember]));
  assert.ok(!ids(await timeline()).includes(bobDirectOther.id), 'a direct status not for the owner');
  await api('PUT', `/api/v1/lists/${list.id}`, { token: alice.token, json: { replies_policy: 'followed' } });
  assert.deepEqual(ids(await timeline()), expect([replyToMember, replyToFollowed]));
  await api('PUT', `/api/v1/lists/${list.id}`, { token: alice.token, json: { replies_policy: 'none' } });
  assert.deepEqual(ids(await timeline()), expect([]));
  assert.ok(!ids(await timeline()).includes(replyToStranger.id));

  // Pagination: max_id, since_id, min_id, and the Link header.
  const all = ids(await timeline());
  const page = await api<StatusJson[]>('GET', `/api/v1/timelines/list/${list.id}?limit=2`, {
    token: alice.token,
  });
  assert.deepEqual(ids(page.body), all.slice(0, 2));
  const link = page.headers.get('link') ?? '';
  assert.match(link, new RegExp(`/api/v1/timelines/list/${list.id}\\?limit=2&max_id=${all[1]}>; rel="next"`));
  assert.match(link, new RegExp(`min_id=${all[0]}>; rel="prev"`));
  assert.deepEqual(ids(await timeline(`?max_id=${all[1]}&limit=2`)), all.slice(2, 4));
  assert.deepEqual(ids(await timeline(`?min_id=${all[3]}&limit=2`)), all.slice(1, 3));
  assert.deepEqual(ids(await timeline(`?since_id=${all[3]}&limit=2`)), all.slice(0, 2));

  // The owner's `home` filters apply, as on Mastodon: `warn` marks, `hide` leaves out.
  const filter = await services.filters.create({
    actorId: alice.accountId!,
    title: 'No privacy talk',
    context: ['home'],
    filterAction: 'warn',
    keywords: [{ keyword: 'private' }],
  });
  const marked = (
    await api<Array<StatusJson & { filtered?: Array<{ filter: { title: string } }> }>>(
      'GET',
      `/api/v1/timelines/list/${list.id}`,
      { token: alice.token },
    )
  ).body.find((x) => x.id === bobPrivate.id);
  assert.deepEqual(
    marked?.filtered?.map((r) => r.filter.title),
    ['No privacy talk'],
  );
  await services.filters.update({ actorId: alice.accountId!, id: filter.id, filterAction: 'hide' });
  assert.ok(!ids(await timeline()).includes(bobPrivate.id), 'a hide filter leaves it out');
  await services.filters.remove({ actorId: alice.accountId!, id: filter.id });
  assert.ok(ids(await timeline()).includes(bobPrivate.id));

  // A muted member's statuses leave it; the mute lifted, they are back.
  await services.mutes.mute({ actorId: alice.accountId!, targetId: carol.accountId! });
  assert.ok(!ids(await timeline()).includes(carolUnlisted.id));
  await services.mutes.unmute({ actorId: alice.accountId!, targetId: carol.accountId! });
  assert.ok(ids(await timeline()).includes(carolUnlisted.id));
  // A suspended member's statuses leave it too.
  await sql.rows('UPDATE accounts SET suspended_at = now() WHERE id = $1', [carol.accountId]);
  assert.ok(!ids(await timeline()).includes(carolUnlisted.id));
  await sql.rows('UPDATE accounts SET suspended_at = NULL WHERE id = $1', [carol.accountId]);
  await api('DELETE', `/api/v1/lists/${list.id}`, { token: alice.token });
});

test('an exclusive list’s members leave the home timeline (own statuses never), also from the cached first page', async () => {
  const list = await makeList(alice.token, { title: 'Quiet', exclusive: false });
  await api('POST', `/api/v1/lists/${list.id}/accounts`, {
    token: alice.token,
    json: { account_ids: [erin.accountId, alice.accountId] },
  });
  const erinStatus = await services.statuses.create({ actorId: erin.accountId!, text: 'erin speaks' });
  const aliceStatus = await services.statuses.create({ actorId: alice.accountId!, text: 'alice speaks' });
  const viaApi = async () =>
    ids((await api<StatusJson[]>('GET', '/api/v1/timelines/home?limit=40', { token: alice.token })).body);
  const viaCache = async () =>
    (await cached.services.timelines.home({ actorId: alice.accountId!, page: { limit: 20 } })).map(
      (s) => s.id,
    );
  const shows = (id: string) => (home: string[]) => home.includes(id);
  const hides = (id: string) => (home: string[]) => !home.includes(id);
  assert.ok((await viaApi()).includes(erinStatus.id), 'not exclusive yet');
  await eventually(viaCache, shows(erinStatus.id), 'not exclusive yet, cached');

  await api('PUT', `/api/v1/lists/${list.id}`, { token: alice.token, json: { exclusive: true } });
  const home = await viaApi();
  assert.ok(!home.includes(erinStatus.id), 'an exclusive member is left out');
  assert.ok(home.includes(aliceStatus.id), 'the owner’s own statuses stay');
  await eventually(
    viaCache,
    (h) => !h.includes(erinStatus.id) && h.includes(aliceStatus.id),
    'exclusive, cached',
  );
  // Taking erin out of the list brings her back, on the cached page too.
  await api('DELETE', `/api/v1/lists/${list.id}/accounts`, {
    token: alice.token,
    json: { account_ids: [erin.accountId] },
  });
  assert.ok((await viaApi()).includes(erinStatus.id));
  await eventually(viaCache, shows(erinStatus.id), 'out of the list, cached');
  await api('POST', `/api/v1/lists/${list.id}/accounts`, {
    token: alice.token,
    json: { account_ids: [erin.accountId] },
  });
  assert.ok(!(await viaApi()).includes(erinStatus.id));
  await eventually(viaCache, hides(erinStatus.id), 'back in the list, cached');
  await api('DELETE', `/api/v1/lists/${list.id}`, { token: alice.token });
  assert.ok((await viaApi()).includes(erinStatus.id), 'the list deleted');
  await eventually(viaCache, shows(erinStatus.id), 'the list deleted, cached');
});

test('followed hashtags bring public and unlisted statuses of others into the home timeline, as the viewer may see them', async () => {
  const me = (await f.account({ username: 'tagreader' })).id;
  const reader = await f.token(me);
  const names = await f.accounts(['taga', 'tagb', 'tagc', 'tagd']);
  const post = (author: string, text: string, visibility?: string) =>
    services.statuses.create({ actorId: names[author]!, text, ...(visibility ? { visibility } : {}) });
  const mine = await services.statuses.create({ actorId: me, text: 'my own' });
  const beforeFollow = await post('taga', 'about #Gardening');
  const viaApi = async (query = '') =>
    ids((await api<StatusJson[]>('GET', `/api/v1/timelines/home${query}`, { token: reader.token })).body);
  const viaCache = async () =>
    (await cached.services.timelines.home({ actorId: me, page: { limit: 20 } })).map((s) => s.id);
  await eventually(viaCache, (h) => h.join() === mine.id, 'only my own');

  await api('POST', '/api/v1/tags/gardening/follow', { token: reader.token });
  const unlisted = await post('tagb', 'quietly #gardening', 'unlisted');
  const privateOne = await post('tagb', 'followers only #gardening', 'private');
  const direct = await post('tagb', 'direct to @taga #gardening', 'direct');
  const blocked = await post('tagc', 'blocked #gardening');
  const muted = await post('tagd', 'muted #gardening');
  const other = await post('taga', 'about #cooking');
  await services.blocks.block({ actorId: me, targetId: names.tagc! });
  await services.mutes.mute({ actorId: me, targetId: names.tagd! });

  const expected = [unlisted.id, beforeFollow.id, mine.id];
  assert.deepEqual(await viaApi(), expected, 'the per-author shape (the window holds fewer than a page)');
  await eventually(
    viaCache,
    (h) => h.join() === expected.join(),
    'the cached first page follows the tag follow',
  );
  assert.deepEqual(await viaApi('?limit=2'), expected.slice(0, 2), 'a page the window fills');
  assert.deepEqual(await viaApi(`?max_id=${unlisted.id}&limit=1`), [beforeFollow.id]);
  assert.deepEqual(
    await viaApi(`?min_id=${mine.id}&limit=5`),
    [unlisted.id, beforeFollow.id],
    'the per-author shape',
  );
  for (const hidden of [privateOne, direct, blocked, muted, other])
    assert.ok(!(await viaApi('?limit=40')).includes(hidden.id));

  // A new tagged status shows on the cached page; unfollowing the tag takes them all out.
  const later = await post('taga', 'more #gardening');
  await eventually(
    viaCache,
    (h) => h.join() === [later.id, ...expected].join(),
    'a new tagged status, cached',
  );
  await api('POST', '/api/v1/tags/gardening/unfollow', { token: reader.token });
  assert.deepEqual(await viaApi(), [mine.id]);
  await eventually(viaCache, (h) => h.join() === mine.id, 'the tag unfollowed, cached');
});

test('every list response matches the OpenAPI document', async () => {
  assert.deepEqual(await server.openApiProblems(), []);
});
