// Filters v2 in the client API (Mastodon's /api/v2/filters, keywords, status filters, and v1's list):
// the entity shapes, each refusal with its exact error and nothing written, another person's filter as
// "not found", the scopes both ways, and the filters applied per viewer — `hide` leaves a status out of
// the timelines, threads, profiles and notifications of the filter's contexts, `warn` adds `filtered` —
// with expired filters doing nothing. Also `only_media` on the public and hashtag timelines.
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

const alice = await f.token(await f.account({ username: 'alice' }));
const bob = await f.token(await f.account({ username: 'bob' }));
const carol = await f.token(await f.account({ username: 'carol' }));
await f.follow(alice.accountId!, bob.accountId!);

interface FilterJson {
  id: string;
  title: string;
  context: string[];
  expires_at: string | null;
  filter_action: string;
  keywords: Array<{ id: string; keyword: string; whole_word: boolean }>;
  statuses: Array<{ id: string; status_id: string }>;
}
interface StatusJson {
  id: string;
  filtered?: Array<{
    filter: Omit<FilterJson, 'keywords' | 'statuses'> & { keywords?: unknown };
    keyword_matches: string[] | null;
    status_matches: string[] | null;
  }>;
}

const tables = ['filters', 'filter_keywords', 'filter_statuses'];
const snapshot = async () => Promise.all(tables.map((t) => sql.rows(`SELECT * FROM ${t} ORDER BY id`)));

const refused = refusedUnchanged(snapshot);

const make = async (token: string, json: unknown) => {
  const made = await api('POST', '/api/v2/filters', { token, json });
  assert.equal(made.status, 200, JSON.stringify(made.body));
  return made.body as FilterJson;
};
const remove = (token: string, id: string) => api('DELETE', `/api/v2/filters/${id}`, { token });
const ids = (list: unknown) => (list as StatusJson[]).map((s) => s.id);

test('a filter is made with its keywords, read, changed and deleted, with Mastodon shapes', async () => {
  const made = await make(alice.token, {
    title: '  Spoilers ',
    context: ['home', 'public'],
    filter_action: 'hide',
    expires_in: 3600,
    keywords_attributes: [{ keyword: 'Dune' }, { keyword: 'ending', whole_word: false }],
  });
  assert.equal(made.title, 'Spoilers', 'trimmed');
  assert.deepEqual(made.context, ['home', 'public']);
  assert.equal(made.filter_action, 'hide');
  const ends = Date.parse(made.expires_at!) - Date.now();
  assert.ok(ends > 3500_000 && ends <= 3600_000, 'ends in an hour');
  assert.deepEqual(
    made.keywords.map((k) => [k.keyword, k.whole_word]),
    [
      ['Dune', true],
      ['ending', false],
    ],
    'whole_word is true unless said',
  );
  assert.deepEqual(made.statuses, []);

  const listed = await api('GET', '/api/v2/filters', { token: alice.token });
  assert.deepEqual(listed.body, [made]);
  assert.deepEqual((await api('GET', `/api/v2/filters/${made.id}`, { token: alice.token })).body, made);

  // v1 lists one filter per keyword, as Mastodon answers it from v2's keywords.
  const v1 = await api('GET', '/api/v1/filters', { token: alice.token });
  assert.deepEqual(v1.body, [
    {
      id: made.keywords[0]!.id,
      phrase: 'Dune',
      context: ['home', 'public'],
      whole_word: true,
      expires_at: made.expires_at,
      irreversible: true,
    },
    {
      id: made.keywords[1]!.id,
      phrase: 'ending',
      context: ['home', 'public'],
      whole_word: false,
      expires_at: made.expires_at,
      irreversible: true,
    },
  ]);
  const one = await api('GET', `/api/v1/filters/${made.keywords[1]!.id}`, { token: alice.token });
  assert.deepEqual(one.body, (v1.body as unknown[])[1]);

  // PUT: what is given changes; keywords_attributes adds, changes and removes keywords.
  const changed = await api('PUT', `/api/v2/filters/${made.id}`, {
    token: alice.token,
    json: {
      title: 'Film spoilers',
      filter_action: 'warn',
      expires_in: '',
      keywords_attributes: [
        { id: made.keywords[0]!.id, keyword: 'Arrakis', whole_word: false },
        { id: made.keywords[1]!.id, _destroy: true },
        { keyword: 'twist' },
      ],
    },
  });
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  const c = changed.body as FilterJson;
  assert.equal(c.title, 'Film spoilers');
  assert.deepEqual(c.context, ['home', 'public'], 'kept');
  assert.equal(c.filter_action, 'warn');
  assert.equal(c.expires_at, null, 'an empty expires_in removes the end');
  assert.deepEqual(
    c.keywords.map((k) => [k.id === made.keywords[0]!.id, k.keyword, k.whole_word]),
    [
      [true, 'Arrakis', false],
      [false, 'twist', true],
    ],
  );

  // Keywords on their own.
  const added = await api('POST', `/api/v2/filters/${made.id}/keywords`, {
    token: alice.token,
    json: { keyword: 'sandworm', whole_word: false },
  });
  assert.equal(added.status, 200);
  const k = added.body as { id: string; keyword: string; whole_word: boolean };
  assert.deepEqual(k, { id: k.id, keyword: 'sandworm', whole_word: false });
  assert.deepEqual((await api('GET', `/api/v2/filters/keywords/${k.id}`, { token: alice.token })).body, k);
  const put = await api('PUT', `/api/v2/filters/keywords/${k.id}`, {
    token: alice.token,
    form: { whole_word: 'true' },
  });
  assert.deepEqual(put.body, { ...k, whole_word: true });
  const listedKeywords = await api('GET', `/api/v2/filters/${made.id}/keywords`, { token: alice.token });
  assert.deepEqual(
    (listedKeywords.body as Array<{ keyword: string }>).map((x) => x.keyword),
    ['Arrakis', 'twist', 'sandworm'],
  );
  assert.deepEqual(
    (await api('DELETE', `/api/v2/filters/keywords/${k.id}`, { token: alice.token })).body,
    {},
  );
  assert.equal((await api('GET', `/api/v2/filters/keywords/${k.id}`, { token: alice.token })).status, 404);

  // Deleting takes its keywords with it.
  assert.deepEqual((await remove(alice.token, made.id)).body, {});
  assert.equal((await api('GET', `/api/v2/filters/${made.id}`, { token: alice.token })).status, 404);
  assert.equal(await sql.count(`SELECT count(*) FROM filter_keywords WHERE filter_id = ${made.id}`), 0);
});

test('a form-encoded filter with bracketed keyword rows is made as a JSON one', async () => {
  const made = await api('POST', '/api/v2/filters', {
    token: alice.token,
    form: [
      ['title', 'Form'],
      ['context[]', 'home'],
      ['context[]', 'thread'],
      ['keywords_attributes[0][keyword]', 'cats'],
      ['keywords_attributes[0][whole_word]', 'false'],
      ['keywords_attributes[1][keyword]', 'dogs'],
    ],
  });
  assert.equal(made.status, 200, JSON.stringify(made.body));
  const m = made.body as FilterJson;
  assert.deepEqual(m.context, ['home', 'thread']);
  assert.equal(m.filter_action, 'warn', 'warn unless said');
  assert.deepEqual(
    m.keywords.map((k) => [k.keyword, k.whole_word]),
    [
      ['cats', false],
      ['dogs', true],
    ],
  );
  await remove(alice.token, m.id);
});

test('bad filters are refused with Mastodon-style errors and nothing is written', async () => {
  const post = (json: unknown) => api('POST', '/api/v2/filters', { token: alice.token, json });
  await refused(() => post({ context: ['home'] }), 422, "Validation failed: Title can't be blank");
  await refused(
    () => post({ title: 'x' }),
    422,
    "Validation failed: Context can't be blank, Context None or invalid context supplied",
  );
  await refused(
    () => post({ title: 'x', context: ['home', 'everywhere'] }),
    422,
    'Validation failed: Context None or invalid context supplied',
  );
  await refused(
    () => post({ title: 'x', context: ['home'], filter_action: 'blur' }),
    422,
    'Validation failed: Filter action is not included in the list',
  );
  await refused(
    () => post({ title: 'x', context: ['home'], expires_in: 'soon' }),
    422,
    'Validation failed: Expires in must be a whole number of seconds from 1 to 3153600000',
  );
  await refused(
    () => post({ title: 'x', context: ['home'], keywords_attributes: [{ keyword: ' ', whole_word: true }] }),
    422,
    "Validation failed: Keywords keyword can't be blank",
  );
  await refused(
    () => post({ title: 'x'.repeat(257), context: ['home'] }),
    422,
    'Validation failed: Title is too long (maximum is 256 characters)',
  );
  await refused(
    () => post({ title: 'x', context: ['home'], keywords_attributes: 'cats' }),
    422,
    'Validation failed: Keywords attributes must be a list of keywords',
  );

  const mine = await make(alice.token, {
    title: 'Mine',
    context: ['home'],
    keywords_attributes: [{ keyword: 'a' }],
  });
  await refused(
    () => api('PUT', `/api/v2/filters/${mine.id}`, { token: alice.token, json: { context: [] } }),
    422,
    "Validation failed: Context can't be blank, Context None or invalid context supplied",
  );
  await refused(
    () =>
      api('PUT', `/api/v2/filters/${mine.id}`, {
        token: alice.token,
        json: { title: 'Renamed', keywords_attributes: [{ id: mine.keywords[0]!.id, keyword: '' }] },
      }),
    422,
    "Validation failed: Keywords keyword can't be blank",
  );
  await refused(
    () => api('POST', `/api/v2/filters/${mine.id}/keywords`, { token: alice.token, json: {} }),
    422,
    "Validation failed: Keyword can't be blank",
  );
  await refused(
    () =>
      api('PUT', `/api/v2/filters/keywords/${mine.keywords[0]!.id}`, {
        token: alice.token,
        json: { keyword: '' },
      }),
    422,
    "Validation failed: Keyword can't be blank",
  );

  // Status filters: a status that does not exist, or that alice may not see, "must exist"; twice is taken.
  const hidden = await server.app.services.statuses.create({
    actorId: bob.accountId!,
    text: 'for carol only @carol',
    visibility: 'direct',
  });
  for (const statusId of ['999999999', hidden.id, 'abc'])
    await refused(
      () =>
        api('POST', `/api/v2/filters/${mine.id}/statuses`, {
          token: alice.token,
          json: { status_id: statusId },
        }),
      422,
      'Validation failed: Status must exist',
    );
  const seen = await f.status(bob.accountId!, 'a post alice may see');
  const named = await api('POST', `/api/v2/filters/${mine.id}/statuses`, {
    token: alice.token,
    json: { status_id: seen.id },
  });
  assert.equal(named.status, 200);
  await refused(
    () =>
      api('POST', `/api/v2/filters/${mine.id}/statuses`, {
        token: alice.token,
        json: { status_id: seen.id },
      }),
    422,
    'Validation failed: Status has already been taken',
  );
  await remove(alice.token, mine.id);
});

test("another person's filter, keyword or status filter is not found, and nothing changes", async () => {
  const mine = await make(alice.token, {
    title: 'Private',
    context: ['home'],
    keywords_attributes: [{ keyword: 'x' }],
  });
  const s = await f.status(bob.accountId!, 'named');
  const named = (
    await api('POST', `/api/v2/filters/${mine.id}/statuses`, {
      token: alice.token,
      json: { status_id: s.id },
    })
  ).body as { id: string };
  const k = mine.keywords[0]!.id;
  const calls: Array<[string, string, unknown?]> = [
    ['GET', `/api/v2/filters/${mine.id}`],
    ['PUT', `/api/v2/filters/${mine.id}`, { title: 'Taken over' }],
    ['DELETE', `/api/v2/filters/${mine.id}`],
    ['GET', `/api/v2/filters/${mine.id}/keywords`],
    ['POST', `/api/v2/filters/${mine.id}/keywords`, { keyword: 'y' }],
    ['GET', `/api/v2/filters/keywords/${k}`],
    ['PUT', `/api/v2/filters/keywords/${k}`, { keyword: 'y' }],
    ['DELETE', `/api/v2/filters/keywords/${k}`],
    ['GET', `/api/v2/filters/${mine.id}/statuses`],
    ['POST', `/api/v2/filters/${mine.id}/statuses`, { status_id: s.id }],
    ['GET', `/api/v2/filters/statuses/${named.id}`],
    ['DELETE', `/api/v2/filters/statuses/${named.id}`],
    ['GET', `/api/v1/filters/${k}`],
  ];
  for (const [method, path, json] of calls)
    await refused(() => api(method, path, { token: bob.token, json }), 404, 'Record not found');
  // A keyword of another filter cannot be changed through one's own filter either.
  const bobs = await make(bob.token, { title: 'Bob', context: ['home'] });
  await refused(
    () =>
      api('PUT', `/api/v2/filters/${bobs.id}`, {
        token: bob.token,
        json: { keywords_attributes: [{ id: k, keyword: 'stolen' }] },
      }),
    404,
    'Record not found',
  );
  assert.deepEqual((await api('GET', '/api/v2/filters', { token: bob.token })).body, [bobs]);
  assert.deepEqual((await api('GET', '/api/v1/filters', { token: bob.token })).body, []);
  // The owner still has it all, and a status filter is read and removed by its owner.
  assert.deepEqual((await api('GET', `/api/v2/filters/statuses/${named.id}`, { token: alice.token })).body, {
    id: named.id,
    status_id: s.id,
  });
  assert.deepEqual((await api('GET', `/api/v2/filters/${mine.id}/statuses`, { token: alice.token })).body, [
    { id: named.id, status_id: s.id },
  ]);
  assert.deepEqual(
    (await api('DELETE', `/api/v2/filters/statuses/${named.id}`, { token: alice.token })).body,
    {},
  );
  await remove(alice.token, mine.id);
  await remove(bob.token, bobs.id);
});

test('scopes: read:filters reads, write:filters writes, others are refused; an app token is no user', async () => {
  const reader = await f.token(alice.accountId!, 'read:filters');
  const writer = await f.token(alice.accountId!, 'write:filters');
  const other = await f.token(alice.accountId!, 'read:statuses write:statuses');
  const app = await f.token(null, 'read write');
  assert.equal((await api('GET', '/api/v2/filters', { token: reader.token })).status, 200);
  assert.equal((await api('GET', '/api/v1/filters', { token: reader.token })).status, 200);
  const body = { title: 't', context: ['home'] };
  await refused(
    () => api('POST', '/api/v2/filters', { token: reader.token, json: body }),
    403,
    'This action is outside the authorized scopes',
  );
  await refused(
    () => api('GET', '/api/v2/filters', { token: writer.token }),
    403,
    'This action is outside the authorized scopes',
  );
  await refused(
    () => api('POST', '/api/v2/filters', { token: other.token, json: body }),
    403,
    'This action is outside the authorized scopes',
  );
  await refused(
    () => api('GET', '/api/v2/filters', { token: app.token }),
    401,
    'This method requires an authenticated user',
  );
  await refused(() => api('POST', '/api/v2/filters', { json: body }), 401, 'The access token is invalid');
  const made = await make(writer.token, body);
  assert.equal((await remove(writer.token, made.id)).status, 200);
});

test('hide leaves statuses out and warn adds `filtered`, in the filter contexts only, for its owner only', async () => {
  const post = (text: string, extra: Record<string, unknown> = {}) =>
    server.app.services.statuses.create({ actorId: bob.accountId!, text, ...extra });
  const plain = await post('nothing to see');
  const hidden = await post('Pineapple pizza is great #food');
  const warned = await post('I love CATS so much #food');
  const inside = await post('concatenate strings');
  const cw = await server.app.services.statuses.create({
    actorId: bob.accountId!,
    text: 'behind a warning',
    spoilerText: 'about cats',
  });
  const reply = await server.app.services.statuses.create({
    actorId: bob.accountId!,
    text: 'pineapple again @alice',
    inReplyToId: plain.id,
  });

  const hide = await make(alice.token, {
    title: 'No pineapple',
    context: ['home', 'public', 'thread', 'account', 'notifications'],
    filter_action: 'hide',
    keywords_attributes: [{ keyword: 'pineapple' }],
  });
  const warn = await make(alice.token, {
    title: 'Cats',
    context: ['home', 'public'],
    keywords_attributes: [{ keyword: 'cats', whole_word: true }],
  });

  const get = async (path: string, token: string | null = alice.token) => {
    const r = await api('GET', path, token ? { token } : {});
    assert.equal(r.status, 200, `${path}: ${JSON.stringify(r.body)}`);
    return r.body as StatusJson[];
  };
  const home = await get('/api/v1/timelines/home');
  assert.ok(!ids(home).includes(hidden.id), 'hide: out of home');
  assert.ok(!ids(home).includes(reply.id), 'hide: case-insensitive');
  assert.ok(ids(home).includes(plain.id));
  const w = home.find((s) => s.id === warned.id)!;
  assert.deepEqual(w.filtered, [
    {
      filter: {
        id: warn.id,
        title: 'Cats',
        context: ['home', 'public'],
        expires_at: null,
        filter_action: 'warn',
      },
      keyword_matches: ['CATS'],
      status_matches: null,
    },
  ]);
  assert.deepEqual(
    home.find((s) => s.id === inside.id)!.filtered,
    [],
    'whole word: not inside "concatenate"',
  );
  assert.equal(
    home.find((s) => s.id === cw.id)!.filtered?.[0]?.keyword_matches?.[0],
    'cats',
    'the warning matches',
  );
  assert.deepEqual(home.find((s) => s.id === plain.id)!.filtered, []);

  for (const path of ['/api/v1/timelines/public', '/api/v1/timelines/tag/food']) {
    const list = await get(path);
    assert.ok(!ids(list).includes(hidden.id), `${path}: hidden`);
    assert.equal(list.find((s) => s.id === warned.id)!.filtered![0]!.filter.id, warn.id, `${path}: warned`);
    // Nobody else's view changes: bob, carol and nobody logged in.
    for (const token of [bob.token, carol.token, null]) {
      const theirs = await get(path, token);
      assert.ok(ids(theirs).includes(hidden.id));
      assert.deepEqual(theirs.find((s) => s.id === warned.id)!.filtered, token ? [] : undefined);
    }
  }
  // The `account` context: hide applies; warn does not (not in its contexts).
  const profile = await get(`/api/v1/accounts/${bob.accountId}/statuses`);
  assert.ok(!ids(profile).includes(hidden.id));
  assert.deepEqual(profile.find((s) => s.id === warned.id)!.filtered, []);
  // The thread: the hidden reply leaves the context; the status asked for is shown.
  const context = (await api('GET', `/api/v1/statuses/${plain.id}/context`, { token: alice.token })).body as {
    descendants: StatusJson[];
  };
  assert.ok(!ids(context.descendants).includes(reply.id));
  const bobsContext = (await api('GET', `/api/v1/statuses/${plain.id}/context`, { token: bob.token }))
    .body as {
    descendants: StatusJson[];
  };
  assert.ok(ids(bobsContext.descendants).includes(reply.id), "bob's thread is whole");
  assert.equal((await api('GET', `/api/v1/statuses/${hidden.id}`, { token: alice.token })).status, 200);
  // Notifications: the mention in the hidden reply is left out.
  const notes = (await api('GET', '/api/v1/notifications', { token: alice.token })).body as Array<{
    status: StatusJson | null;
  }>;
  assert.ok(!notes.some((n) => n.status?.id === reply.id), 'no notification about a hidden status');

  // A status filter names one status: hide it wherever the filter applies.
  const named = await api('POST', `/api/v2/filters/${hide.id}/statuses`, {
    token: alice.token,
    json: { status_id: plain.id },
  });
  assert.equal(named.status, 200);
  assert.ok(!ids(await get('/api/v1/timelines/home')).includes(plain.id), 'named status hidden');

  // An expired filter does nothing.
  await sql.rows(`UPDATE filters SET expires_at = now() - interval '1 minute' WHERE id = ${hide.id}`);
  const after = await get('/api/v1/timelines/home');
  assert.ok(ids(after).includes(hidden.id) && ids(after).includes(plain.id), 'expired: shown again');
  assert.deepEqual(after.find((s) => s.id === hidden.id)!.filtered, []);
  await remove(alice.token, hide.id);
  await remove(alice.token, warn.id);
  // Without filters, nothing is filtered.
  assert.deepEqual((await get('/api/v1/timelines/home')).find((s) => s.id === warned.id)!.filtered, []);
});

test('media descriptions match, and only_media gives the public and hashtag statuses with attachments', async () => {
  const withImage = await f.status(carol.accountId!, 'look #pics');
  const without = await f.status(carol.accountId!, 'no picture #pics');
  await sql.rows(
    `INSERT INTO media_attachments (account_id, status_id, state, format, upload_size, file_key, preview_key, width, height, file_size, description)
     VALUES (${carol.accountId}, ${withImage.id}, 'ready', 'webp', 10, 'k/${withImage.id}.webp', 'k/${withImage.id}-s.webp', 4, 3, 10, 'A sleepy hedgehog')`,
  );
  for (const path of ['/api/v1/timelines/public', '/api/v1/timelines/tag/pics']) {
    const media = (await api('GET', `${path}?only_media=true`)).body as StatusJson[];
    assert.ok(ids(media).includes(withImage.id), path);
    assert.ok(!ids(media).includes(without.id), path);
    const all = (await api('GET', `${path}?only_media=false`)).body as StatusJson[];
    assert.ok(ids(all).includes(without.id));
  }
  const hedgehogs = await make(alice.token, {
    title: 'Hedgehogs',
    context: ['public'],
    keywords_attributes: [{ keyword: 'hedgehog' }],
  });
  const list = (await api('GET', '/api/v1/timelines/public?only_media=1', { token: alice.token }))
    .body as StatusJson[];
  assert.deepEqual(list.find((s) => s.id === withImage.id)!.filtered?.[0]?.keyword_matches, ['hedgehog']);
  await remove(alice.token, hedgehogs.id);
});

test('a page a filter leaves short still links to the next one', async () => {
  const dave = await f.token(await f.account({ username: 'dave' }));
  for (let i = 0; i < 3; i++) await f.status(dave.accountId!, `older ${i}`);
  const hiddenOnes = [];
  for (let i = 0; i < 2; i++) hiddenOnes.push(await f.status(dave.accountId!, `zebra ${i}`));
  const made = await make(dave.token, {
    title: 'Zebras',
    context: ['account'],
    filter_action: 'hide',
    keywords_attributes: [{ keyword: 'zebra' }],
  });
  const first = await api('GET', `/api/v1/accounts/${dave.accountId}/statuses?limit=2`, {
    token: dave.token,
  });
  assert.deepEqual(first.body, [], 'both newest are hidden');
  const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1];
  assert.ok(next, 'a Link to the next page');
  const second = await api('GET', new URL(next).pathname + new URL(next).search, { token: dave.token });
  assert.equal((second.body as StatusJson[]).length, 2);
  await remove(dave.token, made.id);
});

test('every response matches the OpenAPI document', async () => {
  assert.deepEqual(await server.openApiProblems(), []);
});
