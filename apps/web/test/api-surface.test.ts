// The everyday client API of issue 11: ids as big JSON numbers, markers, notifications by account,
// a status's language, account search, suggestions, the directory, familiar followers, hashtags
// (one, follow, followed) and the current Tag and CredentialAccount entities. Every bad input
// answers its exact error and writes nothing; every permission is tried both ways.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startApiServer } from '../../../test/support/api-server.ts';
import { apiFetch, type ApiRequest } from '../../../test/support/api-fetch.ts';
import { fixtures } from '../../../test/support/fixtures.ts';
import { sqlClient } from '../../../test/support/sql.ts';

const server = await startApiServer();
const sql = sqlClient(server.app.databaseUrl);
// Loosely typed JSON documents, read field by field in the assertions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = Record<string, any>;
const api = <T = Doc>(method: string, path: string, req: ApiRequest = {}) =>
  apiFetch<T>(server.url, method, path, req);
const f = fixtures(server.app);

const alice = await f.token(await f.account({ username: 'alice', displayName: 'Alice Liddell' }));
const bob = await f.token(await f.account({ username: 'bob', displayName: 'Bobby Tables' }));
const carol = await f.token(await f.account({ username: 'carol', displayName: 'Carol Smith' }));
const dave = await f.token(await f.account({ username: 'dave', displayName: 'Dave' }));
const appOnly = await f.token(null, 'read write');
const readOnly = await f.token(alice.accountId, 'read');
const NO_USER = { error: 'This method requires an authenticated user' };
const NO_TOKEN = { error: 'The access token is invalid' };
const NO_SCOPE = { error: 'This action is outside the authorized scopes' };

/** Sends a raw JSON text (to send numbers JSON.stringify would round). */
const rawJson = (token: string, method: string, path: string, body: string) =>
  api(method, path, { token, raw: { type: 'application/json', body } });

test('ids sent as JSON numbers keep every digit: markers and in_reply_to_id', async () => {
  const big = '117706958970291038';
  const saved = await rawJson(bob.token, 'POST', '/api/v1/markers', `{"home":{"last_read_id":${big}}}`);
  assert.equal(saved.status, 200);
  assert.equal(saved.body.home.last_read_id, big);
  const [row] = await sql.rows<{ id: string }>(
    `SELECT last_read_id::text AS id FROM markers WHERE account_id = $1 AND timeline = 'home'`,
    [bob.accountId],
  );
  assert.equal(row!.id, big);

  const parent = await f.status(alice.accountId!, 'A parent to reply to');
  const reply = await rawJson(
    bob.token,
    'POST',
    '/api/v1/statuses',
    `{"status":"a reply","in_reply_to_id":${parent.id}}`,
  );
  assert.equal(reply.status, 200, reply.text);
  assert.equal(reply.body.in_reply_to_id, parent.id);
  // A small number is still a number's digits.
  const small = await rawJson(bob.token, 'POST', '/api/v1/markers', '{"home":{"last_read_id":42}}');
  assert.equal(small.body.home.last_read_id, '42');
  // Spaced out as a pretty-printer writes it; a long number inside a string stays text (even where
  // it looks like a value to the quick check).
  const spaced = await rawJson(
    bob.token,
    'POST',
    '/api/v1/markers',
    `{"home": {\n  "last_read_id" : ${big}\n}}`,
  );
  assert.equal(spaced.body.home.last_read_id, big);
  const text = `order:12345678901234567890 shipped`;
  const quoted = await rawJson(bob.token, 'POST', '/api/v1/statuses', JSON.stringify({ status: text }));
  assert.equal(quoted.body.content, `<p>${text}</p>`);
});

test('markers: per person and timeline, version counts moves, unread count follows the notifications marker', async () => {
  const erin = await f.token(await f.account({ username: 'erin' }));
  for (const text of ['@erin one', '@erin two', '@erin three']) await f.status(dave.accountId!, text);
  const notes = (await api<Doc[]>('GET', '/api/v1/notifications', { token: erin.token })).body;
  assert.equal(notes.length, 3);
  const unread = async () =>
    (await api('GET', '/api/v1/notifications/unread_count', { token: erin.token })).body.count;
  assert.equal(await unread(), 3);

  assert.deepEqual((await api('GET', '/api/v1/markers', { token: erin.token })).body, {});
  const first = await api('POST', '/api/v1/markers', {
    token: erin.token,
    form: { 'notifications[last_read_id]': notes[1]!.id, 'home[last_read_id]': '12345' },
  });
  assert.equal(first.status, 200);
  assert.equal(first.body.notifications.last_read_id, notes[1]!.id);
  assert.equal(first.body.notifications.version, 1);
  assert.match(first.body.notifications.updated_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.equal(first.body.home.last_read_id, '12345');
  assert.equal(await unread(), 1);

  // The same position again is no move; another is.
  const same = await api('POST', '/api/v1/markers', {
    token: erin.token,
    json: { notifications: { last_read_id: notes[1]!.id } },
  });
  assert.equal(same.body.notifications.version, 1);
  assert.equal(same.body.home, undefined, 'only the timelines sent are answered');
  const moved = await api('POST', '/api/v1/markers', {
    token: erin.token,
    json: { notifications: { last_read_id: notes[0]!.id } },
  });
  assert.equal(moved.body.notifications.version, 2);
  assert.equal(await unread(), 0);
  // Back to the oldest: the two newer ones are unread again, as Mastodon counts them.
  await api('POST', '/api/v1/markers', {
    token: erin.token,
    json: { notifications: { last_read_id: notes[2]!.id } },
  });
  assert.equal(await unread(), 2);

  const both = await api('GET', '/api/v1/markers?timeline[]=home&timeline[]=notifications', {
    token: erin.token,
  });
  assert.deepEqual(Object.keys(both.body).sort(), ['home', 'notifications']);
  assert.equal(both.body.notifications.last_read_id, notes[2]!.id);
  assert.equal(both.body.notifications.version, 3);
  const one = await api('GET', '/api/v1/markers?timeline[]=home&timeline[]=nonsense', { token: erin.token });
  assert.deepEqual(Object.keys(one.body), ['home']);
  // Someone else's markers are their own.
  const others = await api('GET', '/api/v1/markers?timeline[]=notifications', { token: carol.token });
  assert.deepEqual(others.body, {});

  // Reading the notifications on the website moves the marker forward (never back).
  await server.app.services.notifications.openPage({ actorId: erin.accountId!, page: { limit: 20 } });
  const after = await api('GET', '/api/v1/markers?timeline[]=notifications', { token: erin.token });
  assert.equal(after.body.notifications.last_read_id, notes[0]!.id);
  assert.equal(await unread(), 0);
});

test('markers: bad input answers its exact error and writes nothing; permissions both ways', async () => {
  const before = await sql.count('SELECT count(*) FROM markers');
  const cases: Array<[ApiRequest['json'] | Record<string, string>, string]> = [
    [{ notifications: { last_read_id: '' } }, "Validation failed: Last read can't be blank"],
    [{ notifications: {} }, "Validation failed: Last read can't be blank"],
    [{ home: { last_read_id: 'abc' } }, 'Validation failed: Last read is not a number'],
    [{ home: { last_read_id: '99999999999999999999' } }, 'Validation failed: Last read is not a number'],
    [
      { home: { last_read_id: '1' }, notifications: { last_read_id: 'x' } },
      'Validation failed: Last read is not a number',
    ],
  ];
  for (const [json, error] of cases) {
    const r = await api('POST', '/api/v1/markers', { token: carol.token, json });
    assert.equal(r.status, 422, JSON.stringify(json));
    assert.deepEqual(r.body, { error }, JSON.stringify(json));
  }
  const nothing = await api('POST', '/api/v1/markers', { token: carol.token, json: {} });
  assert.deepEqual(nothing.body, {});
  assert.equal(await sql.count('SELECT count(*) FROM markers'), before, 'nothing written');

  const body = { json: { home: { last_read_id: '5' } } };
  assert.deepEqual((await api('POST', '/api/v1/markers', { ...body, token: readOnly.token })).body, NO_SCOPE);
  assert.deepEqual((await api('POST', '/api/v1/markers', { ...body, token: appOnly.token })).body, NO_USER);
  const anonymous = await api('POST', '/api/v1/markers', body);
  assert.equal(anonymous.status, 401);
  assert.deepEqual(anonymous.body, NO_TOKEN);
  assert.deepEqual((await api('GET', '/api/v1/markers', { token: appOnly.token })).body, NO_USER);
  const writeOnly = await f.token(carol.accountId, 'write:statuses');
  assert.deepEqual((await api('GET', '/api/v1/markers', { token: writeOnly.token })).body, NO_SCOPE);
  assert.equal((await api('POST', '/api/v1/markers', { ...body, token: writeOnly.token })).status, 200);
  assert.equal(await sql.count('SELECT count(*) FROM markers'), before + 1);
});

test('GET /api/v1/notifications?account_id= keeps those the account caused', async () => {
  const fay = await f.token(await f.account({ username: 'fay' }));
  await f.status(bob.accountId!, '@fay from bob');
  await f.status(carol.accountId!, '@fay from carol');
  await api('POST', `/api/v1/accounts/${fay.accountId}/follow`, { token: bob.token });
  const all = await api<Doc[]>('GET', '/api/v1/notifications', { token: fay.token });
  assert.equal(all.body.length, 3);
  const byBob = await api<Doc[]>('GET', `/api/v1/notifications?account_id=${bob.accountId}&limit=1`, {
    token: fay.token,
  });
  assert.deepEqual(
    byBob.body.map((n) => [n.type, n.account.id]),
    [['follow', bob.accountId]],
  );
  assert.match(byBob.headers.get('link')!, new RegExp(`account_id=${bob.accountId}`));
  const next = await api<Doc[]>(
    'GET',
    `/api/v1/notifications?account_id=${bob.accountId}&max_id=${byBob.body[0]!.id}`,
    { token: fay.token },
  );
  assert.deepEqual(
    next.body.map((n) => [n.type, n.account.id]),
    [['mention', bob.accountId]],
  );
  const typed = await api<Doc[]>('GET', `/api/v1/notifications?account_id=${bob.accountId}&types[]=mention`, {
    token: fay.token,
  });
  assert.deepEqual(
    typed.body.map((n) => n.type),
    ['mention'],
  );
  for (const id of ['abc', '999999']) {
    const none = await api('GET', `/api/v1/notifications?account_id=${id}`, { token: fay.token });
    assert.deepEqual(none.body, [], id);
  }
});

test('language: given (ISO 639-1, region dropped), detected when absent, kept on edit, shown on the site', async () => {
  const post = (json: Doc) => api('POST', '/api/v1/statuses', { token: dave.token, json });
  const given = await post({ status: 'Bonjour tout le monde', language: 'fr' });
  assert.equal(given.body.language, 'fr');
  assert.equal((await post({ status: 'Olá a todos', language: 'pt-BR' })).body.language, 'pt');
  assert.equal((await post({ status: 'Hello', language: 'EN' })).body.language, 'en');
  const detected = await post({ status: 'Heute ist ein schöner Tag, ich gehe im Park spazieren.' });
  assert.equal(detected.body.language, 'de');
  const english = await post({
    status: 'The train is late again this morning, of course. https://x.example/a',
  });
  assert.equal(english.body.language, 'en');
  assert.equal((await post({ status: 'lol ok @alice #tag' })).body.language, null, 'too short to tell');

  const fetched = await api('GET', `/api/v1/statuses/${detected.body.id}`);
  assert.equal(fetched.body.language, 'de');
  const edited = await api('PUT', `/api/v1/statuses/${detected.body.id}`, {
    token: dave.token,
    json: { status: 'Heute regnet es, ich bleibe lieber zu Hause und lese.' },
  });
  assert.equal(edited.body.language, 'de', 'an edit without a language keeps it');
  const relabelled = await api('PUT', `/api/v1/statuses/${detected.body.id}`, {
    token: dave.token,
    json: { status: 'Heute regnet es.', language: 'nl' },
  });
  assert.equal(relabelled.body.language, 'nl');

  const page = await fetch(`${server.url}/@dave/${given.body.id}`);
  assert.match(await page.text(), /<div class="content" lang="fr">/);
});

test('language: a code that is not ISO 639-1 is refused and nothing is written', async () => {
  const before = await sql.count('SELECT count(*) FROM statuses');
  for (const language of ['english', 'zz', 'e', 'en-', '12']) {
    const r = await api('POST', '/api/v1/statuses', { token: dave.token, json: { status: 'hi', language } });
    assert.equal(r.status, 422, language);
    assert.deepEqual(
      r.body,
      { error: 'Validation failed: Language is not a valid ISO 639-1 code' },
      language,
    );
  }
  const mine = await f.status(dave.accountId!, 'Something to edit later on');
  const edit = await api('PUT', `/api/v1/statuses/${mine.id}`, {
    token: dave.token,
    json: { status: 'changed', language: 'klingon' },
  });
  assert.deepEqual(edit.body, { error: 'Validation failed: Language is not a valid ISO 639-1 code' });
  assert.equal((await api('GET', `/api/v1/statuses/${mine.id}`)).body.content, mine.html, 'edit not written');
  assert.equal(await sql.count('SELECT count(*) FROM statuses'), before + 1);
});

test('account search: prefix on username and display name, following, limit and offset', async () => {
  const search = (q: string, token = alice.token) =>
    api<Doc[]>('GET', `/api/v1/accounts/search?${q}`, { token });
  const names = (r: { body: Doc[] }) => r.body.map((a) => a.username);
  assert.deepEqual(names(await search('q=bob')), ['bob']);
  assert.deepEqual(names(await search('q=bobby')), ['bob'], 'display name prefix');
  assert.deepEqual(names(await search('q=smi')), ['carol'], 'a later word of the display name');
  assert.deepEqual(names(await search('q=@car')), ['carol']);
  assert.deepEqual(names(await search('q=@smith')), [], '@ matches usernames only');
  const host = new URL(server.url).host;
  assert.deepEqual(names(await search(`q=carol@${host}&resolve=true`)), ['carol']);
  assert.deepEqual(names(await search('q=carol@elsewhere.example')), []);
  for (const q of ['q=', 'q=%20%20', '']) assert.deepEqual((await search(q)).body, [], q);

  // following=true: only those alice follows (and alice).
  await f.follow(alice.accountId!, carol.accountId!);
  assert.deepEqual(names(await search('q=c')), ['carol']);
  assert.deepEqual(names(await search('q=d')), ['dave']);
  assert.deepEqual(names(await search('q=a&following=true')).sort(), ['alice']);
  assert.deepEqual(names(await search('q=c&following=true')), ['carol']);
  assert.deepEqual(names(await search('q=d&following=true')), []);
  assert.deepEqual(names(await search('q=d&following=false')), ['dave']);

  assert.deepEqual(names(await search('q=b')), ['bob']);
  await f.account({ username: 'paula' });
  await f.account({ username: 'paul' });
  await f.account({ username: 'pauline' });
  assert.deepEqual(names(await search('q=paul')), ['paul', 'paula', 'pauline'], 'exact, then shorter first');
  assert.deepEqual(names(await search('q=paul&limit=1&offset=1')), ['paula']);
  assert.deepEqual(names(await search('q=paul&offset=3')), []);
  assert.equal((await search('q=a&limit=abc')).status, 200);

  assert.deepEqual((await search('q=bob', appOnly.token)).body, NO_USER);
  const anonymous = await api('GET', '/api/v1/accounts/search?q=bob');
  assert.equal(anonymous.status, 401);
  const noScope = await f.token(alice.accountId, 'write');
  assert.deepEqual((await search('q=bob', noScope.token)).body, NO_SCOPE);
  const granular = await f.token(alice.accountId, 'read:accounts');
  assert.deepEqual(names(await search('q=bob', granular.token)), ['bob']);
});

test('suggestions: friends of friends, then popular active accounts; dismissals remembered', async () => {
  const gil = await f.token(await f.account({ username: 'gil' }));
  const hal = await f.account({ username: 'hal' });
  const ida = await f.account({ username: 'ida' });
  // gil follows bob and carol; both follow hal, bob follows ida: hal first (two), then ida.
  await f.follow(gil.accountId!, bob.accountId!);
  await f.follow(gil.accountId!, carol.accountId!);
  await f.follow(bob.accountId!, hal.id);
  await f.follow(carol.accountId!, hal.id);
  await f.follow(bob.accountId!, ida.id);
  await f.status(dave.accountId!, 'Dave posts, so he is active');
  const v2 = await api<Doc[]>('GET', '/api/v2/suggestions', { token: gil.token });
  assert.equal(v2.status, 200);
  const ids = v2.body.map((s) => s.account.username);
  assert.deepEqual(ids.slice(0, 2), ['hal', 'ida']);
  assert.deepEqual(v2.body[0]!.sources, ['friends_of_friends']);
  assert.equal(v2.body[0]!.source, 'past_interactions');
  const popular = v2.body.find((s) => s.account.username === 'dave');
  assert.deepEqual(popular?.sources, ['most_followed']);
  assert.equal(popular?.source, 'global');
  for (const never of ['gil', 'bob', 'carol']) assert.ok(!ids.includes(never), never);

  const v1 = await api<Doc[]>('GET', '/api/v1/suggestions?limit=1', { token: gil.token });
  assert.deepEqual(
    v1.body.map((a) => a.username),
    ['hal'],
  );

  const before = await sql.count('SELECT count(*) FROM suggestion_dismissals');
  for (const id of ['abc', '999999', gil.accountId!]) {
    const r = await api('DELETE', `/api/v1/suggestions/${id}`, { token: gil.token });
    assert.deepEqual([r.status, r.body], [200, {}], id);
  }
  assert.equal(await sql.count('SELECT count(*) FROM suggestion_dismissals'), before, 'nothing written');
  assert.deepEqual(
    (await api('DELETE', `/api/v1/suggestions/${hal.id}`, { token: appOnly.token })).body,
    NO_USER,
  );
  const noScope = await f.token(gil.accountId, 'write:statuses');
  assert.deepEqual(
    (await api('DELETE', `/api/v1/suggestions/${hal.id}`, { token: noScope.token })).body,
    NO_SCOPE,
  );
  assert.deepEqual((await api('GET', '/api/v2/suggestions', { token: noScope.token })).body, NO_SCOPE);
  assert.deepEqual((await api('DELETE', `/api/v1/suggestions/${hal.id}`, { token: gil.token })).body, {});
  const after = await api<Doc[]>('GET', '/api/v2/suggestions', { token: gil.token });
  assert.equal(after.body[0]!.account.username, 'ida');
  assert.ok(!after.body.some((s) => s.account.username === 'hal'), 'dismissed');
  const others = await api<Doc[]>('GET', '/api/v2/suggestions', { token: dave.token });
  assert.ok(others.status === 200 && !others.body.some((s) => s.account.username === 'dave'));
});

test('directory: active or new, offset and limit, no token needed', async () => {
  const jo = await f.account({ username: 'jo' });
  await f.status(jo.id, 'Jo posts last');
  const active = await api<Doc[]>('GET', '/api/v1/directory?limit=2');
  assert.equal(active.status, 200);
  assert.equal(active.body[0]!.username, 'jo', 'latest status first');
  assert.equal(active.body.length, 2);
  const newest = await api<Doc[]>('GET', '/api/v1/directory?order=new&local=true');
  const all = await sql.rows<{ id: string }>(
    'SELECT id::text FROM accounts WHERE suspended_at IS NULL ORDER BY id DESC',
  );
  assert.deepEqual(
    newest.body.map((a) => a.id),
    all.map((a) => a.id).slice(0, 40),
  );
  const second = await api<Doc[]>('GET', '/api/v1/directory?order=new&offset=1&limit=1');
  assert.deepEqual(
    second.body.map((a) => a.id),
    [all[1]!.id],
  );
  const odd = await api<Doc[]>('GET', '/api/v1/directory?order=whatever&limit=1');
  assert.equal(odd.body[0]!.username, 'jo', 'an unknown order is the default');
  const withToken = await api('GET', '/api/v1/directory', { token: alice.token });
  assert.equal(withToken.status, 200);
  assert.equal((await api('GET', '/api/v1/directory', { token: 'nonsense' })).status, 401);
});

test('the directory page lists the same accounts, a page at a time', async () => {
  const page = async (query: string) => {
    const r = await fetch(`${server.url}/directory${query}`);
    assert.equal(r.status, 200);
    const text = await r.text();
    return { text, names: [...text.matchAll(/<span class="handle">@(\w+)<\/span>/g)].map((m) => m[1]) };
  };
  const api40 = await api<Doc[]>('GET', '/api/v1/directory?order=new');
  const newest = await page('?order=new');
  assert.deepEqual(
    newest.names,
    api40.body.map((a) => a.username),
  );
  assert.match(newest.text, /<a href="\/directory\?order=new" aria-current="page">/);
  const all = await sql.count('SELECT count(*) FROM accounts WHERE suspended_at IS NULL');
  assert.equal(/rel="next"/.test(newest.text), all >= 40);
  const second = await page('?order=new&offset=1');
  assert.equal(second.names[0], newest.names[1]);
  assert.equal((await page('?order=nonsense&offset=-5')).names[0], (await page('')).names[0]);
});

test('familiar followers, featured tags and lists of an account', async () => {
  // alice follows carol and bob; carol and bob follow dave.
  await f.follow(alice.accountId!, carol.accountId!);
  await f.follow(alice.accountId!, bob.accountId!);
  await f.follow(carol.accountId!, dave.accountId!);
  await f.follow(bob.accountId!, dave.accountId!);
  const r = await api<Doc[]>(
    'GET',
    `/api/v1/accounts/familiar_followers?id[]=${dave.accountId}&id[]=${alice.accountId}&id[]=abc&id[]=${dave.accountId}`,
    { token: alice.token },
  );
  assert.deepEqual(
    r.body.map((x) => [x.id, x.accounts.map((a: Doc) => a.username).sort()]),
    [
      [dave.accountId, ['bob', 'carol']],
      [alice.accountId, []],
    ],
  );
  assert.deepEqual(
    (await api('GET', '/api/v1/accounts/familiar_followers', { token: alice.token })).body,
    [],
  );
  assert.deepEqual(
    (await api('GET', `/api/v1/accounts/familiar_followers?id[]=${dave.accountId}`, { token: appOnly.token }))
      .body,
    NO_USER,
  );

  assert.deepEqual((await api('GET', `/api/v1/accounts/${bob.accountId}/featured_tags`)).body, []);
  const missing = await api('GET', '/api/v1/accounts/999999/featured_tags');
  assert.deepEqual([missing.status, missing.body], [404, { error: 'Record not found' }]);
  assert.deepEqual(
    (await api('GET', `/api/v1/accounts/${bob.accountId}/lists`, { token: alice.token })).body,
    [],
  );
  const noList = await api('GET', '/api/v1/accounts/999999/lists', { token: alice.token });
  assert.deepEqual([noList.status, noList.body], [404, { error: 'Record not found' }]);
  assert.deepEqual(
    (await api('GET', `/api/v1/accounts/${bob.accountId}/lists`, { token: appOnly.token })).body,
    NO_USER,
  );
  const noScope = await f.token(alice.accountId, 'read:statuses');
  assert.deepEqual(
    (await api('GET', `/api/v1/accounts/${bob.accountId}/lists`, { token: noScope.token })).body,
    NO_SCOPE,
  );
});

test('hashtags: one with its week, follow and unfollow, followed_tags paged', async () => {
  await f.status(bob.accountId!, 'Coffee time #Coffee');
  await f.status(carol.accountId!, 'More #coffee please');
  await f.status(carol.accountId!, 'And again #coffee');
  await f.status(carol.accountId!, 'Quietly #coffee', { visibility: 'unlisted' });
  const coffee = await api('GET', '/api/v1/tags/COFFEE');
  assert.equal(coffee.status, 200);
  assert.match(coffee.body.id, /^\d+$/);
  assert.equal(coffee.body.name, 'coffee');
  assert.equal(coffee.body.url, `${server.url}/tags/coffee`);
  assert.equal(coffee.body.following, undefined, 'no viewer, no following');
  assert.equal(coffee.body.history.length, 7);
  const midnight = Math.floor(Date.now() / 86_400_000) * 86_400;
  assert.deepEqual(coffee.body.history[0], { day: String(midnight), uses: '4', accounts: '2' });
  assert.deepEqual(coffee.body.history[1], { day: String(midnight - 86_400), uses: '0', accounts: '0' });

  const unused = await api('GET', '/api/v1/tags/neverused', { token: alice.token });
  assert.deepEqual(
    [unused.body.id, unused.body.name, unused.body.following, unused.body.history[0].uses],
    ['', 'neverused', false, '0'],
  );
  for (const bad of ['no-dashes', '123', '%20']) {
    const r = await api('GET', `/api/v1/tags/${bad}`);
    assert.deepEqual([r.status, r.body], [404, { error: 'Record not found' }], bad);
  }

  const tagsBefore = await sql.count('SELECT count(*) FROM tags');
  const followed = await api('POST', '/api/v1/tags/Coffee/follow', { token: alice.token });
  assert.equal(followed.status, 200);
  assert.equal(followed.body.following, true);
  assert.equal(
    (await api('POST', '/api/v1/tags/coffee/follow', { token: alice.token })).body.following,
    true,
  );
  const fresh = await api('POST', '/api/v1/tags/brandnew/follow', { token: alice.token });
  assert.match(fresh.body.id, /^\d+$/, 'following a new name makes the tag');
  assert.equal(await sql.count('SELECT count(*) FROM tags'), tagsBefore + 1);
  await api('POST', '/api/v1/tags/tea/follow', { token: alice.token });
  assert.equal(
    await sql.count('SELECT count(*) FROM tag_follows WHERE account_id = $1', [alice.accountId]),
    3,
  );
  assert.equal((await api('GET', '/api/v1/tags/coffee', { token: alice.token })).body.following, true);
  assert.equal((await api('GET', '/api/v1/tags/coffee', { token: bob.token })).body.following, false);

  const page = await api<Doc[]>('GET', '/api/v1/followed_tags?limit=2', { token: alice.token });
  assert.deepEqual(
    page.body.map((t) => t.name),
    ['tea', 'brandnew'],
  );
  assert.ok(page.body.every((t) => t.following === true && t.history.length === 7));
  const next = /<([^>]+)>; rel="next"/.exec(page.headers.get('link')!)![1]!;
  const rest = await api<Doc[]>('GET', next.slice(server.url.length), { token: alice.token });
  assert.deepEqual(
    rest.body.map((t) => t.name),
    ['coffee'],
  );

  const unfollowed = await api('POST', '/api/v1/tags/coffee/unfollow', { token: alice.token });
  assert.equal(unfollowed.body.following, false);
  assert.equal((await api('POST', '/api/v1/tags/coffee/unfollow', { token: alice.token })).status, 200);
  assert.equal((await api('POST', '/api/v1/tags/nobodyever/unfollow', { token: alice.token })).body.id, '');
  assert.equal(
    await sql.count('SELECT count(*) FROM tag_follows WHERE account_id = $1', [alice.accountId]),
    2,
  );

  // Refusals write nothing.
  const follows = await sql.count('SELECT count(*) FROM tag_follows');
  const tags = await sql.count('SELECT count(*) FROM tags');
  assert.deepEqual((await api('POST', '/api/v1/tags/x-y/follow', { token: alice.token })).body, {
    error: 'Record not found',
  });
  assert.deepEqual(
    (await api('POST', '/api/v1/tags/newer/follow', { token: readOnly.token })).body,
    NO_SCOPE,
  );
  assert.deepEqual((await api('POST', '/api/v1/tags/newer/follow', { token: appOnly.token })).body, NO_USER);
  assert.equal((await api('POST', '/api/v1/tags/newer/follow')).status, 401);
  assert.deepEqual((await api('GET', '/api/v1/followed_tags', { token: appOnly.token })).body, NO_USER);
  assert.equal(await sql.count('SELECT count(*) FROM tag_follows'), follows);
  assert.equal(await sql.count('SELECT count(*) FROM tags'), tags);
  const granular = await f.token(bob.accountId, 'write:follows');
  assert.equal(
    (await api('POST', '/api/v1/tags/newer/follow', { token: granular.token })).body.following,
    true,
  );
});

test('search v2 hashtags and CredentialAccount carry the current entities', async () => {
  const found = await api('GET', '/api/v2/search?q=%23coff&type=hashtags', { token: bob.token });
  const coffee = found.body.hashtags[0];
  assert.equal(coffee.name, 'coffee');
  assert.match(coffee.id, /^\d+$/);
  assert.equal(coffee.history.length, 7);
  assert.equal(typeof coffee.following, 'boolean');
  const statusTags = (await api<Doc[]>('GET', '/api/v1/timelines/tag/coffee?limit=1')).body[0]!.tags;
  assert.deepEqual(statusTags, [{ name: 'coffee', url: `${server.url}/tags/coffee` }]);

  const me = await api('GET', '/api/v1/accounts/verify_credentials', { token: bob.token });
  assert.deepEqual(me.body.role, {
    id: '-99',
    name: '',
    permissions: '65536',
    color: '',
    highlighted: false,
  });
  assert.equal(me.body.source.indexable, true);
  assert.equal(me.body.source.discoverable, true);
  assert.equal(me.body.indexable, true);
});

test('Link headers: followed_tags and notifications by account page exactly as Mastodon clients follow them', async () => {
  const kim = await f.token(await f.account({ username: 'kim' }));
  for (const name of ['one', 'two', 'three'])
    await api('POST', `/api/v1/tags/${name}/follow`, { token: kim.token });
  const follows = await sql.rows<{ id: string }>(
    'SELECT id::text FROM tag_follows WHERE account_id = $1 ORDER BY id DESC',
    [kim.accountId],
  );
  const ids = follows.map((r) => r.id);
  const first = await api<Doc[]>('GET', '/api/v1/followed_tags?limit=2', { token: kim.token });
  assert.deepEqual(
    first.body.map((t) => t.name),
    ['three', 'two'],
  );
  const base = `${server.url}/api/v1/followed_tags`;
  assert.equal(
    first.headers.get('link'),
    `<${base}?limit=2&max_id=${ids[1]}>; rel="next", <${base}?limit=2&min_id=${ids[0]}>; rel="prev"`,
  );
  const older = await api<Doc[]>('GET', `/api/v1/followed_tags?limit=2&max_id=${ids[1]}`, {
    token: kim.token,
  });
  assert.deepEqual(
    older.body.map((t) => t.name),
    ['one'],
  );
  const newer = await api<Doc[]>('GET', `/api/v1/followed_tags?min_id=${ids[2]}`, { token: kim.token });
  assert.deepEqual(
    newer.body.map((t) => t.name),
    ['three', 'two'],
  );
  const since = await api<Doc[]>('GET', `/api/v1/followed_tags?since_id=${ids[1]}`, { token: kim.token });
  assert.deepEqual(
    since.body.map((t) => t.name),
    ['three'],
  );
  const empty = await api<Doc[]>('GET', `/api/v1/followed_tags?max_id=${ids[2]}`, { token: kim.token });
  assert.deepEqual([empty.body, empty.headers.get('link')], [[], null], 'an empty page has no Link');
  // Rails reads max_id=abc as 0: nothing older.
  assert.deepEqual((await api('GET', '/api/v1/followed_tags?max_id=abc', { token: kim.token })).body, []);
  const noScope = await f.token(kim.accountId, 'read:statuses');
  assert.deepEqual((await api('GET', '/api/v1/followed_tags', { token: noScope.token })).body, NO_SCOPE);
  const granular = await f.token(kim.accountId, 'read:follows');
  assert.equal((await api<Doc[]>('GET', '/api/v1/followed_tags', { token: granular.token })).body.length, 3);

  await f.status(bob.accountId!, '@kim first');
  await f.status(carol.accountId!, '@kim from carol');
  await f.status(bob.accountId!, '@kim second');
  const fromBob = await api<Doc[]>('GET', `/api/v1/notifications?account_id=${bob.accountId}&limit=1`, {
    token: kim.token,
  });
  const n = fromBob.body[0]!.id;
  const notes = `${server.url}/api/v1/notifications`;
  assert.equal(
    fromBob.headers.get('link'),
    `<${notes}?account_id=${bob.accountId}&limit=1&max_id=${n}>; rel="next", ` +
      `<${notes}?account_id=${bob.accountId}&limit=1&min_id=${n}>; rel="prev"`,
  );
  const none = await api<Doc[]>('GET', `/api/v1/notifications?account_id=${dave.accountId}`, {
    token: kim.token,
  });
  assert.deepEqual([none.body, none.headers.get('link')], [[], null]);
});

test('hashtags and accounts that cannot be: exact 404s, and nothing written', async () => {
  const follows = await sql.count('SELECT count(*) FROM tag_follows');
  const tags = await sql.count('SELECT count(*) FROM tags');
  for (const bad of ['x-y', '123', 'a%20b', '%23']) {
    for (const action of ['follow', 'unfollow']) {
      const r = await api('POST', `/api/v1/tags/${bad}/${action}`, { token: alice.token });
      assert.deepEqual([r.status, r.body], [404, { error: 'Record not found' }], `${action} ${bad}`);
    }
  }
  assert.deepEqual(
    (await api('POST', '/api/v1/tags/coffee/unfollow', { token: readOnly.token })).body,
    NO_SCOPE,
  );
  assert.deepEqual(
    (await api('POST', '/api/v1/tags/coffee/unfollow', { token: appOnly.token })).body,
    NO_USER,
  );
  assert.equal(await sql.count('SELECT count(*) FROM tag_follows'), follows);
  assert.equal(await sql.count('SELECT count(*) FROM tags'), tags);

  for (const id of ['abc', '0', '99999999999999999999']) {
    for (const path of [`/api/v1/accounts/${id}/featured_tags`, `/api/v1/accounts/${id}/lists`]) {
      const r = await api('GET', path, { token: alice.token });
      assert.deepEqual([r.status, r.body], [404, { error: 'Record not found' }], path);
    }
  }
});

test('familiar followers: scopes both ways, at most 40 accounts asked about', async () => {
  const noScope = await f.token(alice.accountId, 'read:statuses');
  const path = `/api/v1/accounts/familiar_followers?id[]=${dave.accountId}`;
  assert.deepEqual((await api('GET', path, { token: noScope.token })).body, NO_SCOPE);
  assert.equal((await api('GET', path)).status, 401);
  const granular = await f.token(alice.accountId, 'read:follows');
  const ok = await api<Doc[]>('GET', path, { token: granular.token });
  assert.deepEqual(
    ok.body.map((x) => x.id),
    [dave.accountId],
  );
  const many = Array.from({ length: 45 }, (_, i) => `id[]=${1000 + i}`).join('&');
  const capped = await api<Doc[]>('GET', `/api/v1/accounts/familiar_followers?${many}`, {
    token: alice.token,
  });
  assert.equal(capped.body.length, 40);
  assert.deepEqual(capped.body[0], { id: '1000', accounts: [] });
});

test('a suspended account is found nowhere: search, directory, suggestions, familiar followers', async () => {
  const lia = await f.token(await f.account({ username: 'lia' }));
  const sam = await f.token(await f.account({ username: 'samsuspended', displayName: 'Sam Gone' }));
  const mo = await f.account({ username: 'mo' });
  // lia follows sam and mo; sam and mo follow dave; mo follows sam; sam has posted.
  await f.follow(lia.accountId!, mo.id);
  await f.follow(lia.accountId!, sam.accountId!);
  await f.follow(sam.accountId!, dave.accountId!);
  await f.follow(mo.id, dave.accountId!);
  await f.follow(mo.id, sam.accountId!);
  await f.status(sam.accountId!, 'Sam posts, once');
  // ned follows mo, who follows dave and sam: both are friends of a friend to offer ned.
  const ned = await f.token(await f.account({ username: 'ned' }));
  await f.follow(ned.accountId!, mo.id);
  const seen = async () => ({
    search: (await api<Doc[]>('GET', '/api/v1/accounts/search?q=samsus', { token: lia.token })).body.map(
      (a) => a.username,
    ),
    directory: (await api<Doc[]>('GET', '/api/v1/directory?limit=80')).body.some(
      (a) => a.username === 'samsuspended',
    ),
    familiar: (
      await api<Doc[]>('GET', `/api/v1/accounts/familiar_followers?id[]=${dave.accountId}`, {
        token: lia.token,
      })
    ).body[0]!.accounts.map((a: Doc) => a.username).sort(),
    suggested: (await api<Doc[]>('GET', '/api/v2/suggestions', { token: ned.token })).body
      .filter((s) => s.sources[0] === 'friends_of_friends')
      .map((s) => s.account.username)
      .sort(),
  });
  assert.deepEqual(await seen(), {
    search: ['samsuspended'],
    directory: true,
    familiar: ['mo', 'samsuspended'],
    suggested: ['dave', 'samsuspended'],
  });
  await server.app.services.admin.suspend('samsuspended');
  assert.deepEqual(await seen(), { search: [], directory: false, familiar: ['mo'], suggested: ['dave'] });
});

test('every answer matches the OpenAPI document', async () => {
  assert.deepEqual(await server.openApiProblems(), []);
});
