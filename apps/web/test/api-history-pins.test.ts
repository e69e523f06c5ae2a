// Edit history (GET …/history, …/source) and pins (POST …/pin, …/unpin, pinned=true) in the client
// API: Mastodon's shapes and texts, visibility both ways, every refusal with nothing written.
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

const alice = await f.token(await f.account({ username: 'alice' }));
const bob = await f.token(await f.account({ username: 'bob' }));
const carol = await f.token(await f.account({ username: 'carol' }));
await f.follow(bob.accountId!, alice.accountId!);

type Edit = {
  content: string;
  spoiler_text: string;
  sensitive: boolean;
  created_at: string;
  account: { id: string };
  media_attachments: Array<{ id: string; url: string | null }>;
  emojis: unknown[];
};
type StatusJson = { id: string; pinned?: boolean; created_at: string; edited_at: string | null };

const refused = refusedBy(sql);

const edit = (id: string, json: unknown, token = alice.token) =>
  api('PUT', `/api/v1/statuses/${id}`, { token, json });
const history = async (id: string, token?: string) => {
  const r = await api('GET', `/api/v1/statuses/${id}/history`, token ? { token } : {});
  assert.equal(r.status, 200);
  return r.body as Edit[];
};

test('history: the original, each edit and the current version, oldest first, as Mastodon', async () => {
  const s = await f.status(alice.accountId!, 'first words');
  // Never edited: one version, the status as it is.
  const once = await history(s.id);
  assert.equal(once.length, 1);
  assert.equal(once[0]!.content, '<p>first words</p>');
  assert.equal(once[0]!.created_at, s.createdAt.toISOString());
  assert.deepEqual(once[0]!.media_attachments, []);
  assert.deepEqual(once[0]!.emojis, []);
  assert.equal(once[0]!.account.id, alice.accountId);

  const e1 = await edit(s.id, { status: 'second words', spoiler_text: 'careful' });
  assert.equal(e1.status, 200);
  const e2 = await edit(s.id, { status: 'third words', sensitive: true });
  assert.equal(e2.status, 200);
  const versions = await history(s.id, carol.token);
  assert.deepEqual(
    versions.map((v) => [v.content, v.spoiler_text, v.sensitive]),
    [
      ['<p>first words</p>', '', false],
      ['<p>second words</p>', 'careful', true],
      ['<p>third words</p>', '', true],
    ],
  );
  assert.equal(versions[0]!.created_at, s.createdAt.toISOString(), 'the original at its creation');
  assert.equal(versions[1]!.created_at, (e1.body as StatusJson).edited_at, 'each edit at its time');
  assert.equal(versions[2]!.created_at, (e2.body as StatusJson).edited_at);
  assert.equal(await sql.count(`SELECT count(*) FROM status_edits WHERE status_id = ${s.id}`), 2);

  const source = await api('GET', `/api/v1/statuses/${s.id}/source`, { token: alice.token });
  assert.equal(source.status, 200);
  assert.deepEqual(source.body, { id: s.id, text: 'third words', spoiler_text: '' });
});

test('a refused edit keeps no version, and another’s edit is refused', async () => {
  const s = await f.status(alice.accountId!, 'stays as it is');
  await refused(
    edit(s.id, { status: 'x'.repeat(501) }),
    422,
    'Validation failed: Text is too long (501 characters; the maximum is 500).',
    'status_edits',
  );
  await refused(edit(s.id, { status: 'mine now' }, bob.token), 404, 'Record not found', 'status_edits');
  assert.equal((await history(s.id)).length, 1);
});

test('history and source follow the status’s visibility; deleting the status removes its versions', async () => {
  const hidden = await services.statuses.create({
    actorId: alice.accountId!,
    text: 'for followers',
    visibility: 'private',
  });
  await services.statuses.edit({
    actorId: alice.accountId!,
    statusId: hidden.id,
    text: 'for followers, edited',
  });
  assert.equal((await history(hidden.id, bob.token)).length, 2, 'a follower sees it');
  assert.equal((await history(hidden.id, alice.token)).length, 2, 'the author sees it');
  for (const token of [carol.token, undefined]) {
    const r = await api('GET', `/api/v1/statuses/${hidden.id}/history`, token ? { token } : {});
    assert.equal(r.status, 404);
    assert.deepEqual(r.body, { error: 'Record not found' });
  }
  const strangerSource = await api('GET', `/api/v1/statuses/${hidden.id}/source`, { token: carol.token });
  assert.equal(strangerSource.status, 404);
  assert.deepEqual(strangerSource.body, { error: 'Record not found' });
  // As Mastodon: whoever may see the status may read its source.
  const followerSource = await api('GET', `/api/v1/statuses/${hidden.id}/source`, { token: bob.token });
  assert.deepEqual(followerSource.body, { id: hidden.id, text: 'for followers, edited', spoiler_text: '' });
  const anonymous = await api('GET', `/api/v1/statuses/${hidden.id}/source`);
  assert.equal(anonymous.status, 401);
  assert.deepEqual(anonymous.body, { error: 'The access token is invalid' });
  const noScope = await f.token(alice.accountId!, 'write');
  const scoped = await api('GET', `/api/v1/statuses/${hidden.id}/source`, { token: noScope.token });
  assert.equal(scoped.status, 403);
  assert.deepEqual(scoped.body, { error: 'This action is outside the authorized scopes' });
  for (const id of ['123456789', 'abc']) {
    const r = await api('GET', `/api/v1/statuses/${id}/history`);
    assert.equal(r.status, 404);
    assert.deepEqual(r.body, { error: 'Record not found' });
  }
  // A block hides it both ways.
  await services.blocks.block({ actorId: alice.accountId!, targetId: bob.accountId! });
  assert.equal((await api('GET', `/api/v1/statuses/${hidden.id}/history`, { token: bob.token })).status, 404);
  await services.blocks.unblock({ actorId: alice.accountId!, targetId: bob.accountId! });
  await services.follows.follow({ actorId: bob.accountId!, targetId: alice.accountId! });

  await services.statuses.delete({ actorId: alice.accountId!, statusId: hidden.id });
  assert.equal(await sql.count(`SELECT count(*) FROM status_edits WHERE status_id = ${hidden.id}`), 0);
});

test('a version keeps its images as they were: an edit that removes one keeps its files until the status goes', async () => {
  // A processed upload, as the worker leaves it.
  const insertMedia = async (n: number) =>
    (
      await sql.rows<{ id: string }>(
        `INSERT INTO media_attachments (account_id, state, format, upload_size, file_key, preview_key,
           width, height, file_size, preview_width, preview_height, blurhash, description, processed_at)
         VALUES (${alice.accountId}, 'ready', 'jpeg', 10, 'orig-${n}.jpg', 'small-${n}.jpg', 40, 30, 10, 40, 30,
           'LEHV6nWB2yk8pyo0adR*.7kCMdnj', 'picture ${n}', now())
         RETURNING id::text`,
      )
    )[0]!.id;
  const one = await insertMedia(1);
  const two = await insertMedia(2);
  const s = await services.statuses.create({
    actorId: alice.accountId!,
    text: 'two pictures',
    mediaIds: [one, two],
  });
  const e = await edit(s.id, { status: 'one picture', media_ids: [two] });
  assert.equal(e.status, 200);
  const versions = await history(s.id);
  assert.deepEqual(
    versions.map((v) => v.media_attachments.map((m) => m.id)),
    [[one, two], [two]],
  );
  assert.match(versions[0]!.media_attachments[0]!.url!, /orig-1\.jpg$/);
  const released = () => sql.rows<{ key: string }>('SELECT key FROM media_released ORDER BY key');
  assert.deepEqual(await released(), [], 'the removed picture’s files stay while a version shows them');
  await services.statuses.delete({ actorId: alice.accountId!, statusId: s.id });
  assert.deepEqual(
    (await released()).map((r) => r.key),
    ['orig-1.jpg', 'orig-2.jpg', 'small-1.jpg', 'small-2.jpg'],
    'every file goes with the status',
  );
});

const pin = (id: string, token = alice.token) => api('POST', `/api/v1/statuses/${id}/pin`, { token });
const unpin = (id: string, token = alice.token) => api('POST', `/api/v1/statuses/${id}/unpin`, { token });
const pinnedIds = async (accountId: string, token?: string) => {
  const r = await api('GET', `/api/v1/accounts/${accountId}/statuses?pinned=true`, token ? { token } : {});
  assert.equal(r.status, 200);
  return (r.body as StatusJson[]).map((s) => s.id);
};

test('pin and unpin: the flag is the author’s alone, read per viewer', async () => {
  const dora = await f.token(await f.account({ username: 'dora' }));
  const s = await f.status(dora.accountId!, 'my best post');
  const pinned = await pin(s.id, dora.token);
  assert.equal(pinned.status, 200);
  assert.equal((pinned.body as StatusJson).pinned, true);
  assert.equal((await pin(s.id, dora.token)).status, 200, 'pinning again is harmless');
  assert.equal(await sql.count(`SELECT count(*) FROM status_pins WHERE status_id = ${s.id}`), 1);

  const as = async (token?: string) =>
    (await api('GET', `/api/v1/statuses/${s.id}`, token ? { token } : {})).body as StatusJson;
  assert.equal((await as(dora.token)).pinned, true);
  assert.equal('pinned' in (await as(bob.token)), false, 'only the author is told, as Mastodon');
  assert.equal('pinned' in (await as()), false);
  const inTimeline = (await api('GET', '/api/v1/timelines/public', { token: dora.token }))
    .body as StatusJson[];
  assert.equal(inTimeline.find((x) => x.id === s.id)?.pinned, true);
  assert.deepEqual(await pinnedIds(dora.accountId!), [s.id]);
  assert.deepEqual(await pinnedIds(dora.accountId!, bob.token), [s.id]);

  const off = await unpin(s.id, dora.token);
  assert.equal(off.status, 200);
  assert.equal((off.body as StatusJson).pinned, false);
  assert.equal((await as(dora.token)).pinned, false);
  assert.deepEqual(await pinnedIds(dora.accountId!), []);
  assert.equal((await unpin(s.id, dora.token)).status, 200, 'unpinning again is harmless');
});

test('pins are refused with Mastodon’s texts, and nothing is written', async () => {
  const erin = await f.token(await f.account({ username: 'erin' }));
  const others = await f.status(alice.accountId!, 'alice’s post');
  await refused(
    pin(others.id, erin.token),
    422,
    "Validation failed: Someone else's post cannot be pinned",
    'status_pins',
  );
  const direct = await services.statuses.create({
    actorId: erin.accountId!,
    text: 'note to self',
    visibility: 'direct',
  });
  await refused(
    pin(direct.id, erin.token),
    422,
    'Validation failed: Posts that are only visible to mentioned users cannot be pinned',
    'status_pins',
  );
  const hidden = await services.statuses.create({
    actorId: alice.accountId!,
    text: 'followers',
    visibility: 'private',
  });
  await refused(pin(hidden.id, erin.token), 404, 'Record not found', 'status_pins');
  await refused(unpin(hidden.id, erin.token), 404, 'Record not found', 'status_pins');
  await refused(pin('123456789', erin.token), 404, 'Record not found', 'status_pins');
  const mine = [];
  for (let i = 0; i < 6; i++) mine.push(await f.status(erin.accountId!, `post ${i}`));
  for (const s of mine.slice(0, 5)) assert.equal((await pin(s.id, erin.token)).status, 200);
  await refused(
    pin(mine[5]!.id, erin.token),
    422,
    'Validation failed: You have already pinned the maximum number of posts',
    'status_pins',
  );
  assert.equal((await pin(mine[4]!.id, erin.token)).status, 200, 'one already pinned is not a sixth');
  await refused(
    api('POST', `/api/v1/statuses/${mine[5]!.id}/pin`),
    401,
    'The access token is invalid',
    'status_pins',
  );
  const readOnly = await f.token(erin.accountId!, 'read write:statuses');
  await refused(
    pin(mine[5]!.id, readOnly.token),
    403,
    'This action is outside the authorized scopes',
    'status_pins',
  );
  const app = await f.token(null, 'write');
  await refused(
    pin(mine[5]!.id, app.token),
    401,
    'This method requires an authenticated user',
    'status_pins',
  );
  // The newest pin first.
  assert.deepEqual(
    await pinnedIds(erin.accountId!),
    mine
      .slice(0, 5)
      .map((s) => s.id)
      .reverse(),
  );
  // A deleted status leaves the pins, making room for another.
  await services.statuses.delete({ actorId: erin.accountId!, statusId: mine[0]!.id });
  assert.equal((await pin(mine[5]!.id, erin.token)).status, 200);
});

test('pinned=true shows only what the viewer may see', async () => {
  const gus = await f.token(await f.account({ username: 'gus' }));
  const open = await f.status(gus.accountId!, 'for all');
  const quiet = await services.statuses.create({
    actorId: gus.accountId!,
    text: 'quiet',
    visibility: 'unlisted',
  });
  const followers = await services.statuses.create({
    actorId: gus.accountId!,
    text: 'followers',
    visibility: 'private',
  });
  for (const s of [open, quiet, followers]) assert.equal((await pin(s.id, gus.token)).status, 200);
  await f.follow(bob.accountId!, gus.accountId!);
  const all = [followers.id, quiet.id, open.id];
  assert.deepEqual(await pinnedIds(gus.accountId!, gus.token), all, 'the author');
  assert.deepEqual(await pinnedIds(gus.accountId!, bob.token), all, 'a follower');
  assert.deepEqual(await pinnedIds(gus.accountId!, carol.token), [quiet.id, open.id], 'a stranger');
  assert.deepEqual(await pinnedIds(gus.accountId!), [quiet.id, open.id], 'nobody logged in');
  await services.blocks.block({ actorId: gus.accountId!, targetId: carol.accountId! });
  assert.deepEqual(await pinnedIds(gus.accountId!, carol.token), [], 'blocked');
  // Paging by status id, as the Link header says.
  const r = await api('GET', `/api/v1/accounts/${gus.accountId}/statuses?pinned=true&limit=1`, {
    token: bob.token,
  });
  const next = /<([^>]+)>; rel="next"/.exec(r.headers.get('link')!)![1]!;
  assert.equal(new URL(next).searchParams.get('max_id'), followers.id);
  const page2 = await api('GET', new URL(next).pathname + new URL(next).search, { token: bob.token });
  assert.deepEqual(
    (page2.body as StatusJson[]).map((s) => s.id),
    [quiet.id],
  );
});

test('every response matches the OpenAPI document', async () => {
  assert.deepEqual(await server.openApiProblems(), []);
});
