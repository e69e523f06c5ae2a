// Blocks, mutes, direct conversations and visibility through the client API: Mastodon's endpoints,
// entity shapes, Link pagination, error bodies and scopes; every refusal writes nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startApiServer } from '../../../test/support/api-server.ts';
import { apiFetch } from '../../../test/support/api-fetch.ts';
import { fixtures } from '../../../test/support/fixtures.ts';
import { refusedUnchanged, sqlClient } from '../../../test/support/sql.ts';

const server = await startApiServer();
const api = (method: string, path: string, req: Parameters<typeof apiFetch>[3] = {}) =>
  apiFetch(server.url, method, path, req);
const f = fixtures(server.app);
const sql = sqlClient(server.app.databaseUrl);
const rows = async () =>
  (
    await sql.rows(`SELECT (SELECT count(*) FROM blocks) || '/' || (SELECT count(*) FROM mutes) || '/' ||
      (SELECT count(*) FROM follows) || '/' || (SELECT count(*) FROM account_conversations) AS n`)
  )[0]!.n;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = Record<string, any>;

const alice = await f.token(await f.account({ username: 'alice' }));
const bob = await f.token(await f.account({ username: 'bob' }));
const carol = await f.token(await f.account({ username: 'carol' }));

const refused = refusedUnchanged(rows);

test('block and unblock answer the Relationship; a block ends follows both ways and forbids new ones (403)', async () => {
  await api('POST', `/api/v1/accounts/${bob.accountId}/follow`, { token: alice.token });
  await api('POST', `/api/v1/accounts/${alice.accountId}/follow`, { token: bob.token });
  const blocked = await api('POST', `/api/v1/accounts/${bob.accountId}/block`, { token: alice.token });
  assert.equal(blocked.status, 200);
  assert.deepEqual(blocked.body, {
    id: bob.accountId,
    following: false,
    showing_reblogs: false,
    notifying: false,
    languages: null,
    followed_by: false,
    blocking: true,
    blocked_by: false,
    muting: false,
    muting_notifications: false,
    requested: false,
    requested_by: false,
    domain_blocking: false,
    endorsed: false,
    note: '',
  });
  const seen = await api('GET', `/api/v1/accounts/relationships?id[]=${alice.accountId}`, {
    token: bob.token,
  });
  assert.deepEqual([(seen.body as Doc[])[0]!.blocked_by, (seen.body as Doc[])[0]!.following], [true, false]);
  await refused(
    () => api('POST', `/api/v1/accounts/${alice.accountId}/follow`, { token: bob.token }),
    403,
    'This action is not allowed',
  );
  await refused(
    () => api('POST', `/api/v1/accounts/${bob.accountId}/follow`, { token: alice.token }),
    403,
    'This action is not allowed',
  );
  const unblocked = await api('POST', `/api/v1/accounts/${bob.accountId}/unblock`, { token: alice.token });
  assert.deepEqual([(unblocked.body as Doc).blocking, (unblocked.body as Doc).following], [false, false]);
});

test('bad blocks and mutes: Mastodon error bodies, nothing written', async () => {
  const self = `/api/v1/accounts/${alice.accountId}`;
  await refused(
    () => api('POST', `${self}/block`, { token: alice.token }),
    422,
    'You cannot block yourself.',
  );
  await refused(() => api('POST', `${self}/mute`, { token: alice.token }), 422, 'You cannot mute yourself.');
  await refused(
    () => api('POST', '/api/v1/accounts/123/block', { token: alice.token }),
    404,
    'Record not found',
  );
  await refused(
    () => api('POST', '/api/v1/accounts/123/mute', { token: alice.token }),
    404,
    'Record not found',
  );
  const mute = (json: unknown) =>
    api('POST', `/api/v1/accounts/${bob.accountId}/mute`, { token: alice.token, json });
  const message =
    'Validation failed: Duration must be a whole number of seconds from 0 (no end) to 2147483647.';
  for (const duration of [-5, 'soon', 1.5, '99999999999'])
    await refused(() => mute({ duration }), 422, message);
  // Scopes: reading is not writing; `follow` covers blocks and mutes (Mastodon's old mapping).
  const readOnly = await f.token(alice.accountId, 'read');
  await refused(
    () => api('POST', `/api/v1/accounts/${bob.accountId}/block`, { token: readOnly.token }),
    403,
    'This action is outside the authorized scopes',
  );
  const followScope = await f.token(alice.accountId, 'follow');
  assert.equal((await api('GET', '/api/v1/blocks', { token: followScope.token })).status, 200);
  const writeOnly = await f.token(alice.accountId, 'write:blocks');
  await refused(
    () => api('GET', '/api/v1/mutes', { token: writeOnly.token }),
    403,
    'This action is outside the authorized scopes',
  );
  await refused(() => api('GET', '/api/v1/blocks'), 401, 'The access token is invalid');
});

test('/api/v1/blocks and /api/v1/mutes: newest first, Link pagination by the block or mute', async () => {
  const dave = await f.token(await f.account({ username: 'dave' }));
  const targets: string[] = [];
  for (let i = 0; i < 3; i++) {
    const t = (await f.account({ username: `target${i}` })).id;
    targets.unshift(t);
    assert.equal((await api('POST', `/api/v1/accounts/${t}/block`, { token: dave.token })).status, 200);
    const muted = await api('POST', `/api/v1/accounts/${t}/mute`, {
      token: dave.token,
      form: { notifications: 'false', duration: i === 0 ? '3600' : '0' },
    });
    assert.deepEqual([(muted.body as Doc).muting, (muted.body as Doc).muting_notifications], [true, false]);
  }
  for (const list of ['blocks', 'mutes']) {
    const first = await api('GET', `/api/v1/${list}?limit=2`, { token: dave.token });
    assert.deepEqual(
      (first.body as Doc[]).map((a) => a.id),
      targets.slice(0, 2),
    );
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')![1]!;
    assert.match(next, new RegExp(`^${server.url}/api/v1/${list}\\?limit=2&max_id=\\d+$`));
    const second = await apiFetch(next, 'GET', '', { token: dave.token });
    assert.deepEqual(
      (second.body as Doc[]).map((a) => a.id),
      targets.slice(2),
    );
  }
  const mutes = (await api('GET', '/api/v1/mutes', { token: dave.token })).body as Doc[];
  assert.deepEqual(
    mutes.map((a) => a.mute_expires_at === null),
    [true, true, false],
  );
  assert.ok(Date.parse(mutes[2]!.mute_expires_at) > Date.now() + 3500 * 1000);
});

test('visibility is taken and shown; a private status is not found by those who may not see it', async () => {
  const post = (visibility: string) =>
    api('POST', '/api/v1/statuses', {
      token: carol.token,
      json: { status: `a ${visibility} one`, visibility },
    });
  await api('POST', `/api/v1/accounts/${carol.accountId}/follow`, { token: bob.token });
  for (const visibility of ['public', 'unlisted', 'private', 'direct']) {
    const created = await post(visibility);
    assert.equal(created.status, 200);
    assert.equal((created.body as Doc).visibility, visibility);
    const id = (created.body as Doc).id;
    const asBob = await api('GET', `/api/v1/statuses/${id}`, { token: bob.token });
    assert.equal(asBob.status, visibility === 'direct' ? 404 : 200, `${visibility}, a follower`);
    const asAlice = await api('GET', `/api/v1/statuses/${id}`, { token: alice.token });
    assert.equal(asAlice.status, visibility === 'private' || visibility === 'direct' ? 404 : 200);
    if (asAlice.status === 404) assert.deepEqual(asAlice.body, { error: 'Record not found' });
    const anonymous = await api('GET', `/api/v1/statuses/${id}`);
    assert.equal(anonymous.status, asAlice.status, `${visibility}, anonymous`);
  }
});

test('/api/v1/conversations: the list with Link pagination, read, remove; someone else’s is not found', async () => {
  const erin = await f.token(await f.account({ username: 'erin' }));
  const frank = await f.token(await f.account({ username: 'frank' }));
  const sent: string[] = [];
  for (let i = 0; i < 3; i++) {
    const s = await api('POST', '/api/v1/statuses', {
      token: erin.token,
      json: { status: `@frank number ${i}`, visibility: 'direct' },
    });
    sent.unshift((s.body as Doc).id);
  }
  const first = await api('GET', '/api/v1/conversations?limit=2', { token: frank.token });
  const list = first.body as Doc[];
  assert.deepEqual(
    list.map((c) => [c.unread, c.last_status.id, c.accounts.map((a: Doc) => a.username)]),
    [
      [true, sent[0], ['erin']],
      [true, sent[1], ['erin']],
    ],
  );
  assert.equal(
    first.headers.get('link'),
    `<${server.url}/api/v1/conversations?limit=2&max_id=${sent[1]}>; rel="next", ` +
      `<${server.url}/api/v1/conversations?limit=2&min_id=${sent[0]}>; rel="prev"`,
  );
  const older = await api('GET', `/api/v1/conversations?limit=2&max_id=${sent[1]}`, { token: frank.token });
  assert.deepEqual(
    (older.body as Doc[]).map((c) => c.last_status.id),
    [sent[2]],
  );
  const id = list[0]!.id;
  const read = await api('POST', `/api/v1/conversations/${id}/read`, { token: frank.token });
  assert.equal(read.status, 200);
  assert.deepEqual([(read.body as Doc).id, (read.body as Doc).unread], [id, false]);
  await refused(
    () => api('POST', `/api/v1/conversations/${id}/read`, { token: erin.token }),
    404,
    'Record not found',
  );
  await refused(
    () => api('DELETE', `/api/v1/conversations/${id}`, { token: erin.token }),
    404,
    'Record not found',
  );
  await refused(
    () => api('DELETE', '/api/v1/conversations/abc', { token: frank.token }),
    404,
    'Record not found',
  );
  const readOnly = await f.token(frank.accountId, 'read');
  await refused(
    () => api('DELETE', `/api/v1/conversations/${id}`, { token: readOnly.token }),
    403,
    'This action is outside the authorized scopes',
  );
  const removed = await api('DELETE', `/api/v1/conversations/${id}`, { token: frank.token });
  assert.deepEqual([removed.status, removed.body], [200, {}]);
  assert.equal(((await api('GET', '/api/v1/conversations', { token: frank.token })).body as Doc[]).length, 2);
  assert.equal(((await api('GET', '/api/v1/conversations', { token: erin.token })).body as Doc[]).length, 3);
});

test('every response matches the OpenAPI document', async () => {
  assert.deepEqual(await server.openApiProblems(), []);
});
