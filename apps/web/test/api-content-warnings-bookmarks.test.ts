// Content warnings (spoiler_text) and bookmarks in the client API: Mastodon's shapes, the shared
// 500-character limit, bookmarks that only their owner ever sees, Link pagination by bookmark id,
// and every refusal with its exact error and nothing written.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startApiServer } from '../../../test/support/api-server.ts';
import { apiFetch } from '../../../test/support/api-fetch.ts';
import { fixtures } from '../../../test/support/fixtures.ts';
import { refusedBy, sqlClient } from '../../../test/support/sql.ts';

const server = await startApiServer();
const { services } = server.app;
const api = (method: string, path: string, req: Parameters<typeof apiFetch>[3] = {}) =>
  apiFetch(server.url, method, path, req);
const f = fixtures(server.app);
const sql = sqlClient(server.app.databaseUrl);
const bookmarkRows = () => sql.count('SELECT count(*) FROM bookmarks');

const alice = await f.token(await f.account({ username: 'alice' }));
const bob = await f.token(await f.account({ username: 'bob' }));
const carol = await f.token(await f.account({ username: 'carol' }));

type StatusJson = {
  id: string;
  content: string;
  spoiler_text: string;
  sensitive: boolean;
  bookmarked?: boolean;
  favourited?: boolean;
};

const refused = refusedBy(sql);

test('a content warning is stored, makes the status sensitive, and is kept, changed or removed by edits', async () => {
  const created = await api('POST', '/api/v1/statuses', {
    token: alice.token,
    json: { status: 'the butler did it', spoiler_text: '  Film spoilers  ' },
  });
  assert.equal(created.status, 200);
  const s = created.body as StatusJson;
  assert.equal(s.spoiler_text, 'Film spoilers', 'trimmed');
  assert.equal(s.sensitive, true, 'a warning makes it sensitive, as on Mastodon');
  assert.equal(s.content, '<p>the butler did it</p>');
  // Read back by someone else and anonymously: the same warning.
  for (const token of [bob.token, undefined]) {
    const got = await api('GET', `/api/v1/statuses/${s.id}`, token ? { token } : {});
    assert.equal((got.body as StatusJson).spoiler_text, 'Film spoilers');
    assert.equal((got.body as StatusJson).sensitive, true);
  }
  const timeline = (await api('GET', '/api/v1/timelines/public')).body as StatusJson[];
  assert.equal(timeline.find((x) => x.id === s.id)?.spoiler_text, 'Film spoilers');

  // The shared limit: 500 together is fine, 501 is not.
  const full = await api('POST', '/api/v1/statuses', {
    token: alice.token,
    json: { status: 'x'.repeat(490), spoiler_text: '😀'.repeat(10) },
  });
  assert.equal(full.status, 200);

  const edited = await api('PUT', `/api/v1/statuses/${s.id}`, {
    token: alice.token,
    json: { status: 'the gardener did it', spoiler_text: 'Book spoilers' },
  });
  assert.equal(edited.status, 200);
  assert.equal((edited.body as StatusJson).spoiler_text, 'Book spoilers');
  assert.equal((edited.body as StatusJson).sensitive, true);
  // An edit without spoiler_text removes the warning (Mastodon's clients always send it).
  const cleared = await api('PUT', `/api/v1/statuses/${s.id}`, {
    token: alice.token,
    json: { status: 'nobody did it' },
  });
  assert.equal((cleared.body as StatusJson).spoiler_text, '');
  assert.equal((cleared.body as StatusJson).sensitive, false);
  const [row] = await sql.rows<{ spoiler_text: string; sensitive: boolean }>(
    `SELECT spoiler_text, sensitive FROM statuses WHERE id = ${s.id}`,
  );
  assert.deepEqual(row, { spoiler_text: '', sensitive: false });
});

test('a warning too long with its text, or with NUL, is refused on create and edit and nothing is written', async () => {
  const post = (json: unknown) => api('POST', '/api/v1/statuses', { token: alice.token, json });
  await refused(
    post({ status: 'x'.repeat(400), spoiler_text: 'y'.repeat(101) }),
    422,
    'Validation failed: Text is too long with its content warning (501 characters; the maximum is 500).',
    'statuses',
  );
  await refused(
    post({ status: 'hi', spoiler_text: 'y'.repeat(501) }),
    422,
    'Validation failed: Text is too long with its content warning (503 characters; the maximum is 500).',
    'statuses',
  );
  await refused(
    post({ status: 'hi', spoiler_text: 'bad\u0000' }),
    422,
    'Validation failed: spoiler_text must not contain NUL characters',
    'statuses',
  );
  const mine = await f.status(alice.accountId!, 'kept as it is');
  const edit = (json: unknown) => api('PUT', `/api/v1/statuses/${mine.id}`, { token: alice.token, json });
  await refused(
    edit({ status: 'x'.repeat(450), spoiler_text: 'y'.repeat(51) }),
    422,
    'Validation failed: Text is too long with its content warning (501 characters; the maximum is 500).',
    'statuses',
  );
  await refused(
    edit({ status: 'new', spoiler_text: '\u0000' }),
    422,
    'Validation failed: spoiler_text must not contain NUL characters',
    'statuses',
  );
  // Someone else's status: not found, whatever the warning.
  await refused(
    api('PUT', `/api/v1/statuses/${mine.id}`, {
      token: bob.token,
      json: { status: 'x', spoiler_text: 'cw' },
    }),
    404,
    'Record not found',
    'statuses',
  );
  // The service refuses NUL itself too (a caller that is not the API's edge).
  await assert.rejects(
    services.statuses.create({ actorId: alice.accountId!, text: 'hi', spoilerText: 'a\u0000' }),
    { message: 'Content warning contains a character that is not allowed (NUL).' },
  );
});

test('bookmark and unbookmark: the flag is only the bookmarker’s own, nobody else ever sees it', async () => {
  const s = await f.status(alice.accountId!, 'worth keeping');
  const marked = await api('POST', `/api/v1/statuses/${s.id}/bookmark`, { token: bob.token });
  assert.equal(marked.status, 200);
  assert.equal((marked.body as StatusJson).bookmarked, true);
  assert.equal((marked.body as StatusJson).favourited, false);
  const again = await api('POST', `/api/v1/statuses/${s.id}/bookmark`, { token: bob.token });
  assert.equal((again.body as StatusJson).bookmarked, true, 'bookmarking again is harmless');
  assert.equal(await sql.count(`SELECT count(*) FROM bookmarks WHERE status_id = ${s.id}`), 1);

  const as = async (token?: string) =>
    (await api('GET', `/api/v1/statuses/${s.id}`, token ? { token } : {})).body as StatusJson;
  assert.equal((await as(bob.token)).bookmarked, true);
  assert.equal((await as(carol.token)).bookmarked, false);
  assert.equal((await as(alice.token)).bookmarked, false, 'the author is not told');
  assert.equal('bookmarked' in (await as()), false, 'no viewer flags without a viewer');
  const inTimeline = async (token: string) =>
    ((await api('GET', '/api/v1/timelines/public', { token })).body as StatusJson[]).find(
      (x) => x.id === s.id,
    )!;
  assert.equal((await inTimeline(bob.token)).bookmarked, true);
  assert.equal((await inTimeline(carol.token)).bookmarked, false);
  // No notification: a bookmark is private.
  assert.equal(
    await sql.count(`SELECT count(*) FROM notifications WHERE status_id = ${s.id}`),
    0,
    'nobody is notified',
  );

  const ids = async (token: string) =>
    ((await api('GET', '/api/v1/bookmarks', { token })).body as StatusJson[]).map((x) => x.id);
  assert.deepEqual(await ids(bob.token), [s.id]);
  assert.deepEqual(await ids(carol.token), [], "someone else's bookmarks are never listed");
  assert.deepEqual(await ids(alice.token), []);

  const unmarked = await api('POST', `/api/v1/statuses/${s.id}/unbookmark`, { token: bob.token });
  assert.equal(unmarked.status, 200);
  assert.equal((unmarked.body as StatusJson).bookmarked, false);
  assert.deepEqual(await ids(bob.token), []);
  const twice = await api('POST', `/api/v1/statuses/${s.id}/unbookmark`, { token: bob.token });
  assert.equal(twice.status, 200, 'unbookmarking again is harmless');
});

test("carol's unbookmark never removes bob's bookmark", async () => {
  const s = await f.status(alice.accountId!, 'bob keeps this');
  await api('POST', `/api/v1/statuses/${s.id}/bookmark`, { token: bob.token });
  const before = await bookmarkRows();
  const r = await api('POST', `/api/v1/statuses/${s.id}/unbookmark`, { token: carol.token });
  assert.equal(r.status, 200);
  assert.equal((r.body as StatusJson).bookmarked, false);
  assert.equal(await bookmarkRows(), before);
  assert.equal(
    ((await api('GET', `/api/v1/statuses/${s.id}`, { token: bob.token })).body as StatusJson).bookmarked,
    true,
  );
});

test('bookmarks are refused for statuses you may not see, without a token, or without the scope', async () => {
  const hidden = await services.statuses.create({
    actorId: alice.accountId!,
    text: 'for my followers only',
    visibility: 'private',
  });
  await refused(
    api('POST', `/api/v1/statuses/${hidden.id}/bookmark`, { token: carol.token }),
    404,
    'Record not found',
    'bookmarks',
  );
  await refused(
    api('POST', `/api/v1/statuses/${hidden.id}/unbookmark`, { token: carol.token }),
    404,
    'Record not found',
    'bookmarks',
  );
  await refused(
    api('POST', '/api/v1/statuses/123456789/bookmark', { token: bob.token }),
    404,
    'Record not found',
    'bookmarks',
  );
  await refused(
    api('POST', '/api/v1/statuses/abc/bookmark', { token: bob.token }),
    404,
    'Record not found',
    'bookmarks',
  );
  const s = await f.status(alice.accountId!, 'public');
  await refused(
    api('POST', `/api/v1/statuses/${s.id}/bookmark`),
    401,
    'The access token is invalid',
    'bookmarks',
  );
  const readOnly = await f.token(bob.accountId!, 'read');
  await refused(
    api('POST', `/api/v1/statuses/${s.id}/bookmark`, { token: readOnly.token }),
    403,
    'This action is outside the authorized scopes',
    'bookmarks',
  );
  const writeOnly = await f.token(bob.accountId!, 'write:statuses');
  const list = await api('GET', '/api/v1/bookmarks', { token: writeOnly.token });
  assert.equal(list.status, 403);
  assert.deepEqual(list.body, { error: 'This action is outside the authorized scopes' });
  const anonymous = await api('GET', '/api/v1/bookmarks');
  assert.equal(anonymous.status, 401);
  assert.deepEqual(anonymous.body, { error: 'The access token is invalid' });
  // A granular scope is enough.
  const granular = await f.token(bob.accountId!, 'write:bookmarks read:bookmarks');
  assert.equal(
    (await api('POST', `/api/v1/statuses/${s.id}/bookmark`, { token: granular.token })).status,
    200,
  );
  assert.equal((await api('GET', '/api/v1/bookmarks', { token: granular.token })).status, 200);
});

test('the list shows only what the bookmarker may still see', async () => {
  const dave = await f.token(await f.account({ username: 'dave' }));
  const erin = await f.token(await f.account({ username: 'erin' }));
  await f.follow(dave.accountId!, erin.accountId!);
  const followersOnly = await services.statuses.create({
    actorId: erin.accountId!,
    text: 'for followers',
    visibility: 'private',
  });
  const open = await f.status(erin.accountId!, 'for everyone');
  for (const x of [followersOnly, open])
    assert.equal((await api('POST', `/api/v1/statuses/${x.id}/bookmark`, { token: dave.token })).status, 200);
  const ids = async () =>
    ((await api('GET', '/api/v1/bookmarks', { token: dave.token })).body as StatusJson[]).map((x) => x.id);
  assert.deepEqual(await ids(), [open.id, followersOnly.id]);
  await services.follows.unfollow({ actorId: dave.accountId!, targetId: erin.accountId! });
  assert.deepEqual(await ids(), [open.id], 'a followers-only post drops out after unfollowing');
  await services.blocks.block({ actorId: erin.accountId!, targetId: dave.accountId! });
  assert.deepEqual(await ids(), [], 'a block hides the rest');
});

test('GET /api/v1/bookmarks pages by bookmark id with Link headers, newest bookmark first', async () => {
  const gina = await f.token(await f.account({ username: 'gina' }));
  const made = [];
  for (let i = 0; i < 5; i++) made.push(await f.status(alice.accountId!, `post ${i}`));
  // Bookmarked in another order than written: the list follows the bookmarks.
  const order = [made[3]!, made[0]!, made[4]!, made[1]!, made[2]!];
  for (const s of order) await api('POST', `/api/v1/statuses/${s.id}/bookmark`, { token: gina.token });
  const newestFirst = [...order].reverse().map((s) => s.id);
  const first = await api('GET', '/api/v1/bookmarks?limit=2', { token: gina.token });
  assert.deepEqual(
    (first.body as StatusJson[]).map((x) => x.id),
    newestFirst.slice(0, 2),
  );
  const link = first.headers.get('link')!;
  const next = /<([^>]+)>; rel="next"/.exec(link)![1]!;
  const prev = /<([^>]+)>; rel="prev"/.exec(link)![1]!;
  const bookmarkIds = (
    await sql.rows<{ id: string }>(
      `SELECT id::text FROM bookmarks WHERE account_id = ${gina.accountId} ORDER BY id DESC`,
    )
  ).map((r) => r.id);
  assert.equal(new URL(next).searchParams.get('max_id'), bookmarkIds[1], 'the cursor is the bookmark id');
  assert.equal(new URL(prev).searchParams.get('min_id'), bookmarkIds[0]);
  const second = await api('GET', new URL(next).pathname + new URL(next).search, { token: gina.token });
  assert.deepEqual(
    (second.body as StatusJson[]).map((x) => x.id),
    newestFirst.slice(2, 4),
  );
  const nextNext = /<([^>]+)>; rel="next"/.exec(second.headers.get('link')!)![1]!;
  const third = await api('GET', new URL(nextNext).pathname + new URL(nextNext).search, {
    token: gina.token,
  });
  assert.deepEqual(
    (third.body as StatusJson[]).map((x) => x.id),
    newestFirst.slice(4),
  );
  // Each status in the list carries the flag.
  assert.ok((first.body as StatusJson[]).every((x) => x.bookmarked === true));
});

test('every response matches the OpenAPI document', async () => {
  assert.deepEqual(await server.openApiProblems(), []);
});
