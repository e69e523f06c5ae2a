// Bad input to the statuses API: Mastodon's status and error body each time, and nothing written.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startApiServer } from '../../../test/support/api-server.ts';
import { apiFetch } from '../../../test/support/api-fetch.ts';
import { fixtures } from '../../../test/support/fixtures.ts';
import { sqlClient } from '../../../test/support/sql.ts';

const server = await startApiServer();
const { services } = server.app;
const api = (method: string, path: string, req: Parameters<typeof apiFetch>[3] = {}) =>
  apiFetch(server.url, method, path, req);
const f = fixtures(server.app);
const sql = sqlClient(server.app.databaseUrl);
const countRows = (table: string) => sql.count(`SELECT count(*) FROM ${table}`);
const statuses = () => countRows('statuses');

const alice = await f.token(await f.account({ username: 'alice' }));
const bob = await f.token(await f.account({ username: 'bob' }));
const mine = await f.status(alice.accountId!, 'original text');

async function refused(
  request: () => Promise<{ status: number; body: unknown }>,
  status: number,
  error: string,
  table = 'statuses',
) {
  const before = await countRows(table);
  const result = await request();
  assert.equal(result.status, status);
  assert.deepEqual(result.body, { error });
  assert.equal(await countRows(table), before, `nothing written to ${table}`);
}

test('a status over 500 characters, empty, or with an unknown visibility is refused', async () => {
  const post = (json: unknown) => api('POST', '/api/v1/statuses', { token: alice.token, json });
  await refused(
    () => post({ status: 'x'.repeat(501) }),
    422,
    'Validation failed: Text is too long (501 characters; the maximum is 500).',
  );
  await refused(() => post({ status: '   ' }), 422, "Validation failed: Text can't be blank.");
  await refused(() => post({}), 422, "Validation failed: Text can't be blank.");
  await refused(
    () => post({ status: 'hi', visibility: 'limited' }),
    422,
    'Validation failed: Visibility must be one of: public, unlisted, private, direct.',
  );
  await refused(
    () => post({ status: 'hi', visibility: 'bogus' }),
    422,
    'Validation failed: Visibility must be one of: public, unlisted, private, direct.',
  );
  await refused(
    () => post({ status: 'hi', media_ids: ['1'] }),
    422,
    'Validation failed: Media 1 was not found.',
  );
  await refused(
    () => post({ status: 'x'.repeat(490), spoiler_text: 'y'.repeat(11) }),
    422,
    'Validation failed: Text is too long with its content warning (501 characters; the maximum is 500).',
  );
  await refused(
    () => post({ status: 'hi', spoiler_text: 'a\u0000b' }),
    422,
    'Validation failed: spoiler_text must not contain NUL characters',
  );
  await refused(() => post({ status: { nested: true } }), 422, 'Validation failed: status must be string');
  // 500 code points (emoji are one each) is fine.
  const ok = await post({ status: '😀'.repeat(500) });
  assert.equal(ok.status, 200);
});

test('a reply to a missing status is refused', async () => {
  const post = (id: string) =>
    api('POST', '/api/v1/statuses', { token: alice.token, json: { status: 'hi', in_reply_to_id: id } });
  const missing = 'The post you are trying to reply to does not appear to exist.';
  await refused(() => post('123456789'), 404, missing);
  await refused(() => post('abc'), 404, missing);
});

test("editing or deleting someone else's status is refused", async () => {
  await refused(
    () => api('PUT', `/api/v1/statuses/${mine.id}`, { token: bob.token, json: { status: 'hijacked' } }),
    404,
    'Record not found',
  );
  await refused(
    () => api('DELETE', `/api/v1/statuses/${mine.id}`, { token: bob.token }),
    404,
    'Record not found',
  );
  const still = await services.statuses.get(mine.id);
  assert.equal(still.text, 'original text');
  assert.equal(still.editedAt, null);
  // An invalid edit of one's own status changes nothing either.
  const empty = await api('PUT', `/api/v1/statuses/${mine.id}`, { token: alice.token, json: { status: '' } });
  assert.equal(empty.status, 422);
  assert.equal((await services.statuses.get(mine.id)).text, 'original text');
});

test('a repeated Idempotency-Key returns the first status and writes nothing', async () => {
  const post = (token: string, key: string, text: string) =>
    api('POST', '/api/v1/statuses', { token, json: { status: text }, headers: { 'Idempotency-Key': key } });
  const before = await statuses();
  const first = await post(alice.token, 'key-1', 'once');
  const again = await post(alice.token, 'key-1', 'twice?');
  assert.equal(first.status, 200);
  assert.equal(again.status, 200);
  assert.equal((again.body as { id: string }).id, (first.body as { id: string }).id);
  assert.match((again.body as { content: string }).content, /once/);
  assert.equal(await statuses(), before + 1);
  // Concurrent requests with one key: still one status.
  const [a, b] = await Promise.all([post(alice.token, 'key-2', 'race'), post(alice.token, 'key-2', 'race')]);
  assert.equal((a.body as { id: string }).id, (b.body as { id: string }).id);
  assert.equal(await statuses(), before + 2);
  // The key belongs to its account: bob's key-1 is a new status.
  const bobs = await post(bob.token, 'key-1', 'bob once');
  assert.notEqual((bobs.body as { id: string }).id, (first.body as { id: string }).id);
  assert.equal(await statuses(), before + 3);
  // A refused request does not use up the key.
  const bad = await post(alice.token, 'key-3', '');
  assert.equal(bad.status, 422);
  const good = await post(alice.token, 'key-3', 'now with text');
  assert.equal(good.status, 200);
});

test('limit=0, limit=100000, max_id=abc and since_id=abc are read as Mastodon reads them', async () => {
  for (let i = 0; i < 45; i++) await f.status(bob.accountId!, `filler ${i}`);
  const zero = await api('GET', '/api/v1/timelines/public?limit=0');
  assert.equal(zero.status, 200);
  assert.deepEqual(zero.body, []);
  assert.equal(zero.headers.get('link'), null, 'no Link header on an empty page');
  const huge = await api('GET', '/api/v1/timelines/public?limit=100000');
  assert.equal(huge.status, 200);
  assert.equal((huge.body as unknown[]).length, 40);
  const plain = await api('GET', '/api/v1/timelines/public');
  assert.equal((plain.body as unknown[]).length, 20);
  const abc = await api('GET', '/api/v1/timelines/public?max_id=abc');
  assert.equal(abc.status, 200);
  assert.deepEqual(abc.body, []);
  const since = await api('GET', '/api/v1/timelines/public?since_id=abc&limit=5');
  assert.equal((since.body as unknown[]).length, 5);
  const negative = await api('GET', '/api/v1/timelines/public?limit=-3');
  assert.equal((negative.body as unknown[]).length, 3);
  const accounts = await api('GET', `/api/v1/accounts/${alice.accountId}/followers?limit=100000`);
  assert.equal(accounts.status, 200);
});

test('bodies as JSON, form, multipart and query parameters; malformed JSON is a 400', async () => {
  const json = await api('POST', '/api/v1/statuses', { token: alice.token, json: { status: 'by json' } });
  assert.equal(json.status, 200);
  const form = await api('POST', '/api/v1/statuses', {
    token: alice.token,
    form: { status: 'by form', visibility: 'unlisted' },
  });
  assert.equal(form.status, 200);
  assert.equal((form.body as { visibility: string }).visibility, 'unlisted');
  const multipart = await api('POST', '/api/v1/statuses', {
    token: alice.token,
    multipart: [['status', 'by multipart']],
  });
  assert.equal(multipart.status, 200);
  assert.match((multipart.body as { content: string }).content, /by multipart/);
  const query = await api('POST', `/api/v1/statuses?status=${encodeURIComponent('by query')}`, {
    token: alice.token,
  });
  assert.equal(query.status, 200);
  await refused(
    () =>
      api('POST', '/api/v1/statuses', {
        token: alice.token,
        raw: { type: 'application/json', body: '{"status": "x",' },
      }),
    400,
    'Error occurred while parsing request parameters.',
  );
  // Form brackets: media_ids[] is an array, and refused as such.
  await refused(
    () =>
      api('POST', '/api/v1/statuses', {
        token: alice.token,
        form: [
          ['status', 'x'],
          ['media_ids[]', '1'],
        ],
      }),
    422,
    'Validation failed: Media 1 was not found.',
  );
  await refused(
    () =>
      api('POST', '/api/v1/statuses', {
        token: alice.token,
        multipart: [
          ['status', ''],
          ['media_ids[]', '1'],
        ],
      }),
    422,
    'Validation failed: Media 1 was not found.',
  );
  // An empty JSON body is "no parameters".
  const fav = await api('POST', `/api/v1/statuses/${mine.id}/favourite`, {
    token: bob.token,
    raw: { type: 'application/json', body: '' },
  });
  assert.equal(fav.status, 200);
  assert.equal((fav.body as { favourited: boolean }).favourited, true);
});

test('scopes and tokens: Mastodon texts, nothing written', async () => {
  const readOnly = await f.token(alice.accountId, 'read');
  const appOnly = await f.token(null, 'read write');
  const post = (token?: string) => api('POST', '/api/v1/statuses', { token, json: { status: 'scoped' } });
  await refused(() => post(), 401, 'The access token is invalid');
  await refused(() => post('not-a-token'), 401, 'The access token is invalid');
  await refused(() => post(readOnly.token), 403, 'This action is outside the authorized scopes');
  await refused(() => post(appOnly.token), 401, 'This method requires an authenticated user');
  const home = await api('GET', '/api/v1/timelines/home', { token: appOnly.token });
  assert.deepEqual(home.body, { error: 'This method requires an authenticated user' });
  const writeOnly = await f.token(alice.accountId, 'write');
  const pub = await api('GET', '/api/v1/timelines/public', { token: writeOnly.token });
  assert.equal(pub.status, 403);
  const notes = await api('GET', '/api/v1/notifications', { token: writeOnly.token });
  assert.deepEqual(notes.body, { error: 'This action is outside the authorized scopes' });
  // Granular scopes are enough on their own.
  const granular = await f.token(alice.accountId, 'write:statuses');
  assert.equal((await post(granular.token)).status, 200);
  const fav = await api('POST', `/api/v1/statuses/${mine.id}/favourite`, { token: granular.token });
  assert.equal(fav.status, 403);
  const profile = await f.token(alice.accountId, 'profile');
  assert.equal(
    (await api('GET', '/api/v1/accounts/verify_credentials', { token: profile.token })).status,
    200,
  );
  assert.equal((await api('GET', '/api/v1/accounts/relationships', { token: profile.token })).status, 403);
});

test('update_credentials: an over-long display name or bio is refused, nothing changed', async () => {
  const update = (req: Parameters<typeof apiFetch>[3]) =>
    api('PATCH', '/api/v1/accounts/update_credentials', { token: alice.token, ...req });
  const long = await update({ multipart: [['display_name', 'x'.repeat(31)]] });
  assert.equal(long.status, 422);
  assert.deepEqual(long.body, { error: 'Validation failed: Display name must be at most 30 characters.' });
  const bio = await update({ json: { note: 'y'.repeat(501) } });
  assert.deepEqual(bio.body, { error: 'Validation failed: Bio must be at most 500 characters.' });
  const me = await services.accounts.getById(alice.accountId!);
  assert.equal(me.displayName, '');
  assert.equal(me.bio, '');
  const ok = await update({ form: { display_name: 'Alice', 'fields_attributes[0][name]': 'site' } });
  assert.equal(ok.status, 200);
  assert.equal((ok.body as { display_name: string }).display_name, 'Alice');
  const readOnly = await f.token(alice.accountId, 'read');
  const refusedUpdate = await api('PATCH', '/api/v1/accounts/update_credentials', {
    token: readOnly.token,
    json: { display_name: 'Mallory' },
  });
  assert.deepEqual(refusedUpdate.body, { error: 'This action is outside the authorized scopes' });
  assert.equal((await services.accounts.getById(alice.accountId!)).displayName, 'Alice');
});

test('every response matches the OpenAPI document', async () => {
  assert.deepEqual(await server.openApiProblems(), []);
});
