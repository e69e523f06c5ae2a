// The client API's transport (docs/api-compatibility.md): JSON everywhere, Link headers, CORS, rate limits,
// booleans and brackets, discovery documents, and the OpenAPI document and its reference page.
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { test } from 'node:test';
import { parse } from 'node-html-parser';
import { startApiServer } from '../../../test/support/api-server.ts';
import { apiFetch } from '../../../test/support/api-fetch.ts';
import { fixtures } from '../../../test/support/fixtures.ts';

const server = await startApiServer();
// Loosely typed JSON documents, read field by field in the assertions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = Record<string, any>;
const api = (method: string, path: string, req: Parameters<typeof apiFetch>[3] = {}) =>
  apiFetch(server.url, method, path, req);

const f = fixtures(server.app);
const alice = await f.token(await f.account({ username: 'alice' }));
const bob = await f.token(await f.account({ username: 'bob' }));
const ids: string[] = [];
for (let i = 0; i < 5; i++) ids.unshift((await f.status(alice.accountId!, `s${i} #t`)).id);

test('Link header: absolute, next before prev, other parameters kept, none on an empty page', async () => {
  const page = await api('GET', '/api/v1/timelines/public?limit=2&local=true');
  assert.deepEqual(
    (page.body as Array<{ id: string }>).map((s) => s.id),
    ids.slice(0, 2),
  );
  assert.equal(
    page.headers.get('link'),
    `<${server.url}/api/v1/timelines/public?limit=2&local=true&max_id=${ids[1]}>; rel="next", ` +
      `<${server.url}/api/v1/timelines/public?limit=2&local=true&min_id=${ids[0]}>; rel="prev"`,
  );
  const next = await api('GET', `/api/v1/timelines/public?limit=2&local=true&max_id=${ids[1]}`);
  assert.deepEqual(
    (next.body as Array<{ id: string }>).map((s) => s.id),
    ids.slice(2, 4),
  );
  const empty = await api('GET', `/api/v1/timelines/public?max_id=${ids[4]}`);
  assert.deepEqual(empty.body, []);
  assert.equal(empty.headers.get('link'), null);
  const since = await api('GET', `/api/v1/timelines/public?since_id=${ids[2]}&limit=1`);
  assert.deepEqual(
    (since.body as Array<{ id: string }>).map((s) => s.id),
    [ids[0]],
    'since_id gives the newest page',
  );
  const min = await api('GET', `/api/v1/timelines/public?min_id=${ids[2]}&limit=1`);
  assert.deepEqual(
    (min.body as Array<{ id: string }>).map((s) => s.id),
    [ids[1]],
    'min_id gives the page just newer',
  );
  // Brackets are carried over in the Link header.
  await api('POST', `/api/v1/accounts/${alice.accountId}/follow`, { token: bob.token });
  await f.status(bob.accountId!, '@alice hi');
  const notes = await api('GET', '/api/v1/notifications?types[]=mention&types[]=follow&limit=1', {
    token: alice.token,
  });
  assert.match(
    notes.headers.get('link')!,
    /\?types%5B%5D=mention&types%5B%5D=follow&limit=1&max_id=\d+>; rel="next"/,
  );
});

test('booleans as Rails reads them, and Rails-style brackets', async () => {
  for (const off of ['0', 'f', 'F', 'false', 'FALSE', 'off', 'OFF', '']) {
    const r = await api('GET', `/api/v1/timelines/public?remote=${off}&limit=1`);
    assert.equal((r.body as unknown[]).length, 1, `remote=${off} is false`);
  }
  for (const on of ['1', 'true', 't', 'on', 'yes']) {
    const r = await api('GET', `/api/v1/timelines/public?remote=${on}`);
    assert.deepEqual(r.body, [], `remote=${on} is true: no remote statuses here`);
  }
  const rel = await api(
    'GET',
    `/api/v1/accounts/relationships?id[]=${alice.accountId}&id[]=${bob.accountId}`,
    { token: bob.token },
  );
  assert.deepEqual(
    (rel.body as Array<{ id: string; following: boolean }>).map((r) => [r.id, r.following]),
    [
      [alice.accountId, true],
      [bob.accountId, false],
    ],
  );
  const single = await api('GET', `/api/v1/accounts/relationships?id=${alice.accountId}`, {
    token: bob.token,
  });
  assert.equal((single.body as unknown[]).length, 1);
  const r = (rel.body as Array<Record<string, unknown>>)[0]!;
  for (const key of [
    'following',
    'followed_by',
    'blocking',
    'blocked_by',
    'muting',
    'muting_notifications',
    'requested',
    'requested_by',
    'domain_blocking',
    'endorsed',
    'showing_reblogs',
    'notifying',
  ])
    assert.equal(typeof r[key], 'boolean', key);
  assert.equal(r.languages, null);
  assert.equal(r.note, '');
});

test('every answer is JSON, errors included; unknown API paths are Record not found', async () => {
  const missing = await api('GET', '/api/v1/nothing-here');
  assert.equal(missing.status, 404);
  assert.deepEqual(missing.body, { error: 'Record not found' });
  assert.match(missing.headers.get('content-type')!, /^application\/json/);
  const status = await api('GET', '/api/v1/statuses/999999');
  assert.deepEqual(status.body, { error: 'Record not found' });
  const push = await api('GET', '/api/v1/push/subscription', { token: alice.token });
  assert.equal(push.status, 404);
  assert.deepEqual(push.body, { error: 'Record not found' });
  const cleared = await api('POST', '/api/v1/notifications/clear', { token: alice.token });
  assert.equal(cleared.status, 200);
  assert.deepEqual(cleared.body, {});
  assert.match(cleared.headers.get('content-type')!, /^application\/json/);
  const markers = await api('GET', '/api/v1/markers', { token: alice.token });
  assert.deepEqual(markers.body, {});
  for (const path of [
    '/api/v1/custom_emojis',
    '/api/v1/filters',
    '/api/v2/filters',
    '/api/v1/lists',
    '/api/v1/followed_tags',
    '/api/v1/announcements',
  ]) {
    const r = await api('GET', path, { token: alice.token });
    assert.equal(r.status, 200, path);
    assert.deepEqual(r.body, [], path);
  }
  const count = await api('GET', '/api/v1/notifications/unread_count', { token: alice.token });
  assert.deepEqual(count.body, { count: 0 });
});

test('POST /api/v1/markers marks notifications read (form brackets or JSON)', async () => {
  await f.status(bob.accountId!, '@alice one');
  await f.status(bob.accountId!, '@alice two');
  const unread = () => api('GET', '/api/v1/notifications/unread_count', { token: alice.token });
  assert.deepEqual((await unread()).body, { count: 2 });
  const list = (await api('GET', '/api/v1/notifications', { token: alice.token })).body as Array<{
    id: string;
  }>;
  const older = list[1]!.id;
  const marked = await api('POST', '/api/v1/markers', {
    token: alice.token,
    form: { 'notifications[last_read_id]': older },
  });
  assert.equal(marked.status, 200);
  assert.equal((marked.body as Doc).notifications.last_read_id, older);
  assert.deepEqual((await unread()).body, { count: 1 });
  await api('POST', '/api/v1/markers', {
    token: alice.token,
    json: { notifications: { last_read_id: list[0]!.id } },
  });
  assert.deepEqual((await unread()).body, { count: 0 });
  const bad = await api('POST', '/api/v1/markers', {
    token: alice.token,
    json: { notifications: { last_read_id: 'x' } },
  });
  assert.equal(bad.status, 422);
  const readOnly = await f.token(alice.accountId, 'read');
  const refused = await api('POST', '/api/v1/markers', { token: readOnly.token, json: {} });
  assert.deepEqual(refused.body, { error: 'This action is outside the authorized scopes' });
});

test('CORS on the API for any origin, exposing Link and rate-limit headers', async () => {
  const preflight = await fetch(`${server.url}/api/v1/statuses`, {
    method: 'OPTIONS',
    headers: {
      origin: 'https://app.example',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization,content-type,idempotency-key',
    },
  });
  assert.ok(preflight.status < 300);
  assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
  assert.match(preflight.headers.get('access-control-allow-headers')!, /Idempotency-Key/i);
  const get = await fetch(`${server.url}/api/v1/timelines/public`, {
    headers: { origin: 'https://app.example' },
  });
  assert.equal(get.headers.get('access-control-allow-origin'), '*');
  assert.equal(
    get.headers.get('access-control-expose-headers'),
    'Link, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset',
  );
  const wk = await fetch(`${server.url}/.well-known/nodeinfo`, {
    headers: { origin: 'https://app.example' },
  });
  assert.equal(wk.headers.get('access-control-allow-origin'), '*');
  const site = await fetch(`${server.url}/`, { headers: { origin: 'https://app.example' } });
  assert.equal(site.headers.get('access-control-allow-origin'), null, 'not on the website');
});

test('rate limit: X-RateLimit headers with an ISO reset time, then 429 with a JSON error', async () => {
  const limited = await startApiServer({ RATE_LIMIT_API: '3' });
  const { token } = await fixtures(limited.app).token(null);
  const hit = () => apiFetch(limited.url, 'GET', '/api/v1/timelines/public');
  const first = await hit();
  assert.equal(first.headers.get('x-ratelimit-limit'), '3');
  assert.equal(first.headers.get('x-ratelimit-remaining'), '2');
  const reset = first.headers.get('x-ratelimit-reset')!;
  assert.match(reset, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.ok(new Date(reset).getTime() > Date.now());
  await hit();
  await hit();
  const over = await hit();
  assert.equal(over.status, 429);
  assert.deepEqual(over.body, { error: 'Too many requests' });
  assert.equal(over.headers.get('x-ratelimit-remaining'), '0');
  // Another key (a token) has its own budget.
  const withToken = await apiFetch(limited.url, 'GET', '/api/v1/timelines/public', { token });
  assert.equal(withToken.status, 200);
});

test('posting through the API shares the posting limit (RATE_LIMIT_POSTS)', async () => {
  const limited = await startApiServer({ RATE_LIMIT_POSTS: '2' });
  const f = fixtures(limited.app);
  const { token } = await f.token(await f.account());
  const post = () => apiFetch(limited.url, 'POST', '/api/v1/statuses', { token, json: { status: 'hi' } });
  assert.equal((await post()).status, 200);
  assert.equal((await post()).status, 200);
  const third = await post();
  assert.equal(third.status, 429);
  assert.deepEqual(third.body, { error: 'Too many requests' });
});

test('instance v1 and v2, NodeInfo', async () => {
  const v1 = (await api('GET', '/api/v1/instance')).body as Doc;
  assert.equal(v1.uri, new URL(server.url).host);
  assert.match(v1.version, /^4\.3\.0 \(compatible; microposts \d+\.\d+\.\d+\)$/);
  assert.ok(v1.configuration.polls);
  assert.equal(v1.stats.user_count, 2);
  const v2 = (await api('GET', '/api/v2/instance')).body as Doc;
  assert.equal(v2.api_versions.mastodon, 2);
  assert.equal(v2.domain, new URL(server.url).host);
  const wk = (await api('GET', '/.well-known/nodeinfo')).body as Doc;
  assert.deepEqual(wk, {
    links: [{ rel: 'http://nodeinfo.diaspora.software/ns/schema/2.0', href: `${server.url}/nodeinfo/2.0` }],
  });
  const ni = (await api('GET', '/nodeinfo/2.0')).body as Doc;
  assert.equal(ni.version, '2.0');
  assert.match(ni.software.name, /^[a-z0-9-]+$/);
  assert.equal(ni.metadata.upstream.name, 'mastodon');
  assert.equal(ni.usage.users.total, 2);
  assert.ok(ni.usage.localPosts >= 5);
  assert.equal(ni.openRegistrations, true);
});

test('the OpenAPI document describes every endpoint, with its scopes', async () => {
  const doc = (await api('GET', '/api/openapi.json')).body as Doc;
  assert.equal(doc.openapi, '3.1.0');
  const want = [
    'get /api/v1/accounts/verify_credentials',
    'patch /api/v1/accounts/update_credentials',
    'get /api/v1/accounts/lookup',
    'get /api/v1/accounts/{id}',
    'get /api/v1/accounts/{id}/statuses',
    'post /api/v1/accounts/{id}/follow',
    'post /api/v1/accounts/{id}/unfollow',
    'get /api/v1/accounts/{id}/followers',
    'get /api/v1/accounts/{id}/following',
    'get /api/v1/accounts/relationships',
    'post /api/v1/accounts',
    'post /api/v1/statuses',
    'get /api/v1/statuses/{id}',
    'put /api/v1/statuses/{id}',
    'delete /api/v1/statuses/{id}',
    'get /api/v1/statuses/{id}/context',
    'post /api/v1/statuses/{id}/favourite',
    'post /api/v1/statuses/{id}/unfavourite',
    'get /api/v1/statuses/{id}/favourited_by',
    'get /api/v1/timelines/public',
    'get /api/v1/timelines/home',
    'get /api/v1/timelines/tag/{hashtag}',
    'get /api/v1/notifications',
    'get /api/v1/notifications/{id}',
    'post /api/v1/notifications/clear',
    'post /api/v1/notifications/{id}/dismiss',
    'get /api/v2/search',
    'get /api/v1/favourites',
    'get /api/v1/instance',
    'get /api/v2/instance',
    'get /.well-known/nodeinfo',
    'get /nodeinfo/2.0',
    'post /api/v1/apps',
    'post /oauth/token',
  ];
  for (const w of want) {
    const [method, path] = w.split(' ') as [string, string];
    assert.ok(doc.paths[path]?.[method], `${w} is documented`);
  }
  assert.deepEqual(doc.paths['/api/v1/statuses'].post.security, [{ OAuth2: ['write:statuses'] }]);
  assert.equal(
    doc.paths['/api/v1/statuses'].post.responses['200'].content['application/json'].schema.$ref,
    '#/components/schemas/Status',
  );
  for (const entity of [
    'Account',
    'Status',
    'Relationship',
    'Notification',
    'Tag',
    'Context',
    'Search',
    'Error',
  ])
    assert.ok(doc.components.schemas[entity], entity);
  assert.ok(doc.components.securitySchemes.OAuth2.flows.authorizationCode);
});

test('the reference page renders the document without inline script or style', async () => {
  const response = await fetch(`${server.url}/api/docs`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type')!, /^text\/html/);
  assert.match(response.headers.get('content-security-policy')!, /script-src 'self'/);
  const html = await response.text();
  const doc = parse(html);
  for (const script of doc.querySelectorAll('script'))
    assert.ok(script.getAttribute('src'), 'no inline script');
  assert.equal(doc.querySelectorAll('style').length, 0);
  assert.equal(doc.querySelectorAll('[style]').length, 0);
  assert.ok(doc.querySelector('#post--api-v1-statuses'), 'POST /api/v1/statuses is on the page');
  assert.match(doc.querySelector('#post--api-v1-statuses')!.text, /write:statuses/);
  assert.ok(doc.querySelector('#entity-Status'));
});

/** A GET with a body (fetch refuses to send one): what Mastodon.py does for familiar_followers. */
function getWithBody(path: string, token: string, body: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(new URL(path, server.url), {
      method: 'GET',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      },
    });
    request.on('response', (response) => {
      let text = '';
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body: JSON.parse(text) }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

// Last: its accounts would change the instance's counts.
test('a JSON body on a GET is read as parameters, as Rails reads it (Mastodon.py)', async () => {
  const carol = await f.token(await f.account({ username: 'carol' }));
  const dave = await f.account({ username: 'dave' });
  const erin = await f.account({ username: 'erin' });
  await f.follow(carol.accountId!, dave);
  await f.follow(dave, erin);
  const path = '/api/v1/accounts/familiar_followers';
  // The id as a JSON number beyond 2^53, as Mastodon.py sends it.
  const answer = await getWithBody(path, carol.token, `{"id": [${erin.id}]}`);
  assert.equal(answer.status, 200);
  assert.deepEqual(
    (answer.body as Array<{ id: string; accounts: Array<{ username: string }> }>).map((e) => [
      e.id,
      e.accounts.map((a) => a.username),
    ]),
    [[erin.id, ['dave']]],
  );
  // The body wins over the query, as for writes; an empty body is no parameters.
  const both = await getWithBody(`${path}?id[]=${dave.id}`, carol.token, `{"id": ["${erin.id}"]}`);
  assert.deepEqual(
    (both.body as Array<{ id: string }>).map((e) => e.id),
    [erin.id],
  );
  assert.deepEqual(await getWithBody(path, carol.token, ''), { status: 200, body: [] });
  assert.deepEqual(await getWithBody(path, carol.token, '{"id": ['), {
    status: 400,
    body: { error: 'Error occurred while parsing request parameters.' },
  });
  // Fastify's body limit (1 MiB) holds for these bodies too.
  assert.deepEqual(await getWithBody(path, carol.token, `{"id": []}${' '.repeat(1024 * 1024)}`), {
    status: 413,
    body: { error: 'Request body is too large' },
  });
  // A transport limit, documented for no endpoint (as Fastify's own 413 on a write): not an OpenAPI problem.
  server.recorded.splice(
    server.recorded.findIndex((r) => r.status === 413),
    1,
  );
});

test('every response matches the OpenAPI document', async () => {
  assert.deepEqual(await server.openApiProblems(), []);
});
