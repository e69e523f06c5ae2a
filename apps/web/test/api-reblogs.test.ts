// Boosts (reblogs) in the client API: Mastodon's wrapper shape, the counter, the notification,
// idempotence, who may boost what (StatusPolicy#reblog?), reblogged_by with Link pagination, boosts
// in the home and profile timelines (and not the public one), `reblogs` on follow, the `update`
// notification to boosters of an edited status, and every refusal with its exact error and nothing
// written.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startApiServer } from '../../../test/support/api-server.ts';
import { apiFetch } from '../../../test/support/api-fetch.ts';
import { fixtures } from '../../../test/support/fixtures.ts';
import { refusedUnchanged, sqlClient } from '../../../test/support/sql.ts';

const server = await startApiServer();
const { services } = server.app;
const api = (method: string, path: string, req: Parameters<typeof apiFetch>[3] = {}) =>
  apiFetch(server.url, method, path, req);
const f = fixtures(server.app);
const sql = sqlClient(server.app.databaseUrl);

const alice = await f.token(await f.account({ username: 'alice' }));
const bob = await f.token(await f.account({ username: 'bob' }));
const carol = await f.token(await f.account({ username: 'carol' }));

interface StatusJson {
  id: string;
  content: string;
  visibility: string;
  account: { id: string; username: string };
  reblog: StatusJson | null;
  reblogs_count: number;
  reblogged?: boolean;
  favourited?: boolean;
}
interface NotificationJson {
  type: string;
  account: { id: string };
  status: StatusJson | null;
}

// No status (boost) and no notification written.
const refused = refusedUnchanged(async () => ({
  statuses: await sql.rows('SELECT id, reblog_of_id FROM statuses ORDER BY id'),
  notifications: await sql.count('SELECT count(*) FROM notifications'),
}));

const notificationsOf = async (token: string) =>
  (await api('GET', '/api/v1/notifications', { token })).body as NotificationJson[];

test('a boost is a status whose reblog is the original; boosting twice answers the same boost; unreblog undoes it', async () => {
  const original = await f.status(alice.accountId!, 'worth sharing');
  const boosted = await api('POST', `/api/v1/statuses/${original.id}/reblog`, { token: bob.token });
  assert.equal(boosted.status, 200);
  const boost = boosted.body as StatusJson;
  assert.notEqual(boost.id, original.id);
  assert.equal(boost.account.username, 'bob');
  assert.equal(boost.content, '');
  assert.equal(boost.visibility, 'public');
  assert.equal(boost.reblog?.id, original.id);
  assert.equal(boost.reblog?.account.username, 'alice');
  assert.equal(boost.reblog?.content, '<p>worth sharing</p>');
  assert.equal(boost.reblog?.reblogged, true, 'the original carries the viewer flag');
  assert.equal(boost.reblog?.reblogs_count, 1, 'the counter, kept in the same transaction');
  assert.equal(boost.reblogged, false, 'the wrapper itself is not boosted');

  // Boosting again: the same boost, nothing more written.
  const again = await api('POST', `/api/v1/statuses/${original.id}/reblog`, { token: bob.token });
  assert.equal((again.body as StatusJson).id, boost.id);
  assert.equal((again.body as StatusJson).reblog?.reblogs_count, 1);
  assert.equal(await sql.count(`SELECT count(*) FROM statuses WHERE reblog_of_id = ${original.id}`), 1);
  // Boosting the boost means the original (as Mastodon's ReblogService).
  const viaWrapper = await api('POST', `/api/v1/statuses/${boost.id}/reblog`, { token: bob.token });
  assert.equal((viaWrapper.body as StatusJson).id, boost.id);

  // The author is told once, with the original as the notification's status.
  const reblogNotes = (await notificationsOf(alice.token)).filter((n) => n.type === 'reblog');
  assert.equal(reblogNotes.length, 1);
  assert.equal(reblogNotes[0]!.account.id, bob.accountId);
  assert.equal(reblogNotes[0]!.status?.id, original.id);

  // GET of the boost answers the wrapper; the original's count for anyone.
  const got = (await api('GET', `/api/v1/statuses/${boost.id}`)).body as StatusJson;
  assert.equal(got.reblog?.id, original.id);
  assert.equal(((await api('GET', `/api/v1/statuses/${original.id}`)).body as StatusJson).reblogs_count, 1);
  const asBob = (await api('GET', `/api/v1/statuses/${original.id}`, { token: bob.token }))
    .body as StatusJson;
  assert.equal(asBob.reblogged, true);
  const asCarol = (await api('GET', `/api/v1/statuses/${original.id}`, { token: carol.token }))
    .body as StatusJson;
  assert.equal(asCarol.reblogged, false, "one viewer's flag never reaches another");

  const undone = await api('POST', `/api/v1/statuses/${original.id}/unreblog`, { token: bob.token });
  assert.equal(undone.status, 200);
  assert.equal((undone.body as StatusJson).id, original.id, 'unreblog answers the original');
  assert.equal((undone.body as StatusJson).reblogged, false);
  assert.equal((undone.body as StatusJson).reblogs_count, 0);
  assert.equal(await sql.count(`SELECT count(*) FROM statuses WHERE reblog_of_id = ${original.id}`), 0);
  assert.equal(
    (await notificationsOf(alice.token)).filter((n) => n.type === 'reblog').length,
    0,
    'the notification goes with the boost',
  );
  // Unboosting again changes nothing.
  const twice = await api('POST', `/api/v1/statuses/${original.id}/unreblog`, { token: bob.token });
  assert.equal(twice.status, 200);
  assert.equal((twice.body as StatusJson).reblogs_count, 0);
});

test('boosting your own status notifies nobody; a followers-only one stays followers-only; visibility is kept', async () => {
  const own = await f.status(alice.accountId!, 'my own');
  const before = await sql.count(`SELECT count(*) FROM notifications WHERE type = 'reblog'`);
  const self = await api('POST', `/api/v1/statuses/${own.id}/reblog`, {
    token: alice.token,
    json: { visibility: 'unlisted' },
  });
  assert.equal(self.status, 200);
  assert.equal((self.body as StatusJson).visibility, 'unlisted');
  assert.equal(await sql.count(`SELECT count(*) FROM notifications WHERE type = 'reblog'`), before);

  const followersOnly = await services.statuses.create({
    actorId: alice.accountId!,
    text: 'for my followers',
    visibility: 'private',
  });
  const mine = await api('POST', `/api/v1/statuses/${followersOnly.id}/reblog`, {
    token: alice.token,
    json: { visibility: 'public' },
  });
  assert.equal(mine.status, 200);
  assert.equal((mine.body as StatusJson).visibility, 'private', 'as Mastodon: a hidden status keeps its own');
  // Its followers see the boost on the profile; strangers do not.
  await f.follow(bob.accountId!, alice.accountId!);
  const ids = async (token?: string) =>
    (
      (await api('GET', `/api/v1/accounts/${alice.accountId}/statuses`, token ? { token } : {}))
        .body as StatusJson[]
    ).map((s) => s.id);
  const boostId = (mine.body as StatusJson).id;
  assert.ok((await ids(bob.token)).includes(boostId));
  assert.ok(!(await ids(carol.token)).includes(boostId));
  assert.ok(!(await ids()).includes(boostId));
  await services.follows.unfollow({ actorId: bob.accountId!, targetId: alice.accountId! });
});

test('refusals: direct, another followers-only, unseen, blocked either way, bad visibility, no token or scope', async () => {
  await f.follow(bob.accountId!, alice.accountId!);
  const followersOnly = await services.statuses.create({
    actorId: alice.accountId!,
    text: 'followers only',
    visibility: 'private',
  });
  const direct = await services.statuses.create({
    actorId: alice.accountId!,
    text: '@bob just you',
    visibility: 'direct',
  });
  const boost = (id: string, token: string, json?: unknown) =>
    api('POST', `/api/v1/statuses/${id}/reblog`, { token, ...(json ? { json } : {}) });
  // Mastodon's StatusPolicy#reblog?: NotPermittedError, 403.
  await refused(() => boost(followersOnly.id, bob.token), 403, 'This action is not allowed');
  await refused(() => boost(direct.id, bob.token), 403, 'This action is not allowed');
  await refused(() => boost(direct.id, alice.token), 403, 'This action is not allowed');
  // A status you may not see is not found, as are unknown and malformed ids.
  await refused(() => boost(followersOnly.id, carol.token), 404, 'Record not found');
  await refused(() => boost(direct.id, carol.token), 404, 'Record not found');
  await refused(() => boost('123456789', carol.token), 404, 'Record not found');
  await refused(() => boost('abc', carol.token), 404, 'Record not found');
  await refused(
    () => api('POST', `/api/v1/statuses/${followersOnly.id}/unreblog`, { token: carol.token }),
    404,
    'Record not found',
  );
  const open = await f.status(alice.accountId!, 'open to all');
  await refused(
    () => boost(open.id, bob.token, { visibility: 'direct' }),
    422,
    'Validation failed: Visibility must be one of: public, unlisted, private.',
  );
  await refused(
    () => boost(open.id, bob.token, { visibility: 'bogus' }),
    422,
    'Validation failed: Visibility must be one of: public, unlisted, private.',
  );
  await refused(() => api('POST', `/api/v1/statuses/${open.id}/reblog`), 401, 'The access token is invalid');
  const readOnly = await f.token(carol.accountId!, 'read');
  await refused(() => boost(open.id, readOnly.token), 403, 'This action is outside the authorized scopes');
  // Blocks, both ways: the status is not found.
  const dave = await f.token(await f.account({ username: 'dave' }));
  const erin = await f.token(await f.account({ username: 'erin' }));
  const byDave = await f.status(dave.accountId!, 'dave writes');
  const byErin = await f.status(erin.accountId!, 'erin writes');
  await services.blocks.block({ actorId: dave.accountId!, targetId: erin.accountId! });
  await refused(() => boost(byErin.id, dave.token), 404, 'Record not found');
  await refused(() => boost(byDave.id, erin.token), 404, 'Record not found');
  await services.follows.unfollow({ actorId: bob.accountId!, targetId: alice.accountId! });
});

test('a boost of a status whose author is blocked later leaves the booster profile for the blocker', async () => {
  const gil = await f.token(await f.account({ username: 'gil' }));
  const hana = await f.token(await f.account({ username: 'hana' }));
  const ivan = await f.token(await f.account({ username: 'ivan' }));
  const byHana = await f.status(hana.accountId!, 'by hana');
  const boost = (await api('POST', `/api/v1/statuses/${byHana.id}/reblog`, { token: gil.token }))
    .body as StatusJson;
  const profile = async (token: string) =>
    ((await api('GET', `/api/v1/accounts/${gil.accountId}/statuses`, { token })).body as StatusJson[]).map(
      (s) => s.id,
    );
  assert.ok((await profile(ivan.token)).includes(boost.id));
  await services.blocks.block({ actorId: ivan.accountId!, targetId: hana.accountId! });
  assert.ok(
    !(await profile(ivan.token)).includes(boost.id),
    "a blocked account's status does not come in boosted",
  );
  assert.equal((await api('GET', `/api/v1/statuses/${boost.id}`, { token: ivan.token })).status, 404);
});

test('home timeline: boosts of followed accounts, hidden with reblogs=false; profile with exclude_reblogs; never the public timeline', async () => {
  const kim = await f.token(await f.account({ username: 'kim' }));
  const lou = await f.token(await f.account({ username: 'lou' }));
  const max = await f.token(await f.account({ username: 'max' }));
  const byMax = await f.status(max.accountId!, 'max says hi');
  const followed = await api('POST', `/api/v1/accounts/${lou.accountId}/follow`, { token: kim.token });
  assert.equal((followed.body as { showing_reblogs: boolean }).showing_reblogs, true);
  const boost = (await api('POST', `/api/v1/statuses/${byMax.id}/reblog`, { token: lou.token }))
    .body as StatusJson;
  const home = async () =>
    ((await api('GET', '/api/v1/timelines/home', { token: kim.token })).body as StatusJson[]).map((s) => [
      s.id,
      s.reblog?.id ?? null,
    ]);
  assert.deepEqual((await home())[0], [boost.id, byMax.id], 'the wrapper, with the original inside');

  const hidden = await api('POST', `/api/v1/accounts/${lou.accountId}/follow`, {
    token: kim.token,
    json: { reblogs: false },
  });
  assert.equal(hidden.status, 200);
  assert.equal((hidden.body as { showing_reblogs: boolean; following: boolean }).showing_reblogs, false);
  assert.equal((hidden.body as { following: boolean }).following, true);
  assert.ok(!(await home()).some(([id]) => id === boost.id), 'reblogs=false hides their boosts');
  const rel = (await api('GET', `/api/v1/accounts/relationships?id[]=${lou.accountId}`, { token: kim.token }))
    .body as Array<{ showing_reblogs: boolean }>;
  assert.equal(rel[0]!.showing_reblogs, false);
  await api('POST', `/api/v1/accounts/${lou.accountId}/follow`, {
    token: kim.token,
    json: { reblogs: true },
  });
  assert.ok(
    (await home()).some(([id]) => id === boost.id),
    'and reblogs=true shows them again',
  );

  const profile = async (query = '') =>
    ((await api('GET', `/api/v1/accounts/${lou.accountId}/statuses${query}`)).body as StatusJson[]).map(
      (s) => s.id,
    );
  assert.ok((await profile()).includes(boost.id));
  assert.ok(!(await profile('?exclude_reblogs=true')).includes(boost.id));
  const publicIds = ((await api('GET', '/api/v1/timelines/public?limit=40')).body as StatusJson[]).map(
    (s) => s.id,
  );
  assert.ok(publicIds.includes(byMax.id));
  assert.ok(!publicIds.includes(boost.id), 'the public timeline leaves boosts out, as Mastodon');

  // Deleting the original deletes its boosts.
  const deleted = await api('DELETE', `/api/v1/statuses/${byMax.id}`, { token: max.token });
  assert.equal(deleted.status, 200);
  assert.equal(await sql.count(`SELECT count(*) FROM statuses WHERE id = ${boost.id}`), 0);
  assert.ok(!(await home()).some(([id]) => id === boost.id));
});

test('reblogged_by pages by boost with Link headers and leaves out accounts blocked either way', async () => {
  const star = await f.token(await f.account({ username: 'star' }));
  const post = await f.status(star.accountId!, 'boost me');
  const boosters = [];
  for (const name of ['b1', 'b2', 'b3']) {
    const t = await f.token(await f.account({ username: name }));
    await api('POST', `/api/v1/statuses/${post.id}/reblog`, { token: t.token });
    boosters.push(t);
  }
  const first = await api('GET', `/api/v1/statuses/${post.id}/reblogged_by?limit=2`);
  assert.equal(first.status, 200);
  assert.deepEqual(
    (first.body as Array<{ username: string }>).map((a) => a.username),
    ['b3', 'b2'],
  );
  const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link')!)![1]!;
  const boostIds = (
    await sql.rows<{ id: string }>(
      `SELECT id::text FROM statuses WHERE reblog_of_id = ${post.id} ORDER BY id DESC`,
    )
  ).map((r) => r.id);
  assert.equal(new URL(next).searchParams.get('max_id'), boostIds[1], 'the cursor is the boost id');
  const second = await api('GET', new URL(next).pathname + new URL(next).search);
  assert.deepEqual(
    (second.body as Array<{ username: string }>).map((a) => a.username),
    ['b1'],
  );
  await services.blocks.block({ actorId: boosters[1]!.accountId!, targetId: carol.accountId! });
  const asCarol = await api('GET', `/api/v1/statuses/${post.id}/reblogged_by`, { token: carol.token });
  assert.deepEqual(
    (asCarol.body as Array<{ username: string }>).map((a) => a.username),
    ['b3', 'b1'],
  );
  const hidden = await services.statuses.create({
    actorId: star.accountId!,
    text: 'hidden',
    visibility: 'direct',
  });
  const none = await api('GET', `/api/v1/statuses/${hidden.id}/reblogged_by`, { token: carol.token });
  assert.equal(none.status, 404);
  assert.deepEqual(none.body, { error: 'Record not found' });
});

test('an edit tells those who boosted it (update), once per status, the newest edit unread again', async () => {
  const pia = await f.token(await f.account({ username: 'pia' }));
  const quinn = await f.token(await f.account({ username: 'quinn' }));
  const post = await f.status(pia.accountId!, 'first words');
  await api('POST', `/api/v1/statuses/${post.id}/reblog`, { token: quinn.token });
  await api('POST', `/api/v1/statuses/${post.id}/reblog`, { token: pia.token });
  for (const text of ['second words', 'third words']) {
    const edited = await api('PUT', `/api/v1/statuses/${post.id}`, {
      token: pia.token,
      json: { status: text },
    });
    assert.equal(edited.status, 200);
  }
  const updates = (await notificationsOf(quinn.token)).filter((n) => n.type === 'update');
  assert.equal(updates.length, 1);
  assert.equal(updates[0]!.account.id, pia.accountId);
  assert.equal(updates[0]!.status?.id, post.id);
  assert.equal(updates[0]!.status?.content, '<p>third words</p>');
  assert.equal(
    (await notificationsOf(pia.token)).filter((n) => n.type === 'update').length,
    0,
    'the author is not told of its own edit',
  );
  // A boost cannot be pinned (Mastodon's words), nor edited (not found); nothing changes.
  const boostId = (
    await sql.rows<{ id: string }>(
      `SELECT id::text FROM statuses WHERE reblog_of_id = ${post.id} AND account_id = ${quinn.accountId}`,
    )
  )[0]!.id;
  await refused(
    () => api('PUT', `/api/v1/statuses/${boostId}`, { token: quinn.token, json: { status: 'sneaky' } }),
    404,
    'Record not found',
  );
  await refused(
    () => api('POST', `/api/v1/statuses/${boostId}/pin`, { token: quinn.token }),
    422,
    'Validation failed: A boost cannot be pinned',
  );
});

test('favouriting or replying to a boost means its original', async () => {
  const rae = await f.token(await f.account({ username: 'rae' }));
  const sam = await f.token(await f.account({ username: 'sam' }));
  const post = await f.status(rae.accountId!, 'original words');
  const boost = (await api('POST', `/api/v1/statuses/${post.id}/reblog`, { token: sam.token }))
    .body as StatusJson;
  const fav = await api('POST', `/api/v1/statuses/${boost.id}/favourite`, { token: carol.token });
  assert.equal((fav.body as StatusJson).id, post.id);
  assert.equal((fav.body as StatusJson).favourited, true);
  const reply = await api('POST', '/api/v1/statuses', {
    token: carol.token,
    json: { status: 'answer', in_reply_to_id: boost.id },
  });
  assert.equal((reply.body as { in_reply_to_id: string }).in_reply_to_id, post.id);
});

test('every response matches the OpenAPI document', async () => {
  assert.deepEqual(await server.openApiProblems(), []);
});
