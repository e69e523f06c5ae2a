// masto.js against lists and followed hashtags: making, changing and deleting a list, its members
// (paged), the list timeline paged to its end through Link headers, the lists holding an account,
// Mastodon's errors as masto.js raises them, and a followed hashtag's statuses in the home timeline.
// Every response is then checked against /api/openapi.json. (The list stream through masto.js's
// streaming client: streaming.test.ts.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRestAPIClient, MastoHttpError, type mastodon } from 'masto';
import { startApiServer } from '../../../test/support/api-server.ts';
import { fixtures } from '../../../test/support/fixtures.ts';

const server = await startApiServer();
const f = fixtures(server.app);
const ids = await f.accounts(['alice', 'bob', 'carol']);
const client = async (who: string) =>
  createRestAPIClient({ url: server.url, accessToken: (await f.token(ids[who]!)).token });
const alice = await client('alice');
const bob = await client('bob');

async function collect<T>(paginator: AsyncIterable<T[]>): Promise<{ pages: number; items: T[] }> {
  let pages = 0;
  const items: T[] = [];
  for await (const page of paginator) {
    pages++;
    items.push(...page);
    assert.ok(pages < 50, 'pagination ends');
  }
  return { pages, items };
}

async function refusal(call: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await call;
  } catch (error) {
    assert.ok(error instanceof MastoHttpError, String(error));
    return { status: error.statusCode, message: error.message };
  }
  assert.fail('the call was not refused');
}

test('a list through masto.js: create, fetch, update, members, its timeline paged to the end, delete', async () => {
  await alice.v1.accounts.$select(ids.bob!).follow();
  const list = await alice.v1.lists.create({ title: 'Masto friends', exclusive: false });
  assert.equal(list.title, 'Masto friends');
  assert.equal(list.repliesPolicy, 'list');
  assert.equal(list.exclusive, false);
  assert.deepEqual(
    (await alice.v1.lists.list()).map((l) => l.id),
    [list.id],
  );

  const updated = await alice.v1.lists.$select(list.id).update({ title: 'Masto pals', exclusive: true });
  assert.equal(updated.title, 'Masto pals');
  assert.equal(updated.exclusive, true);
  assert.deepEqual(await alice.v1.lists.$select(list.id).fetch(), updated);

  await alice.v1.lists.$select(list.id).accounts.create({ accountIds: [ids.bob!, ids.alice!] });
  const members = await collect(alice.v1.lists.$select(list.id).accounts.list({ limit: 1 }));
  assert.deepEqual(members.items.map((a) => a.username).sort(), ['alice', 'bob']);
  assert.ok(members.pages >= 2, 'one member a page');
  const holding = await alice.v1.accounts.$select(ids.bob!).lists.list();
  assert.deepEqual(
    holding.map((l) => l.title),
    ['Masto pals'],
  );

  const posted: string[] = [];
  for (let i = 0; i < 5; i++) posted.push((await bob.v1.statuses.create({ status: `bob ${i}` })).id);
  const timeline = await collect(alice.v1.timelines.list.$select(list.id).list({ limit: 2 }));
  assert.deepEqual(
    timeline.items.map((s: mastodon.v1.Status) => s.id),
    [...posted].reverse(),
  );
  assert.equal(timeline.pages, 4, '2, 2, 1, then an empty page without a Link ends it');
  // Exclusive: bob's statuses are not in alice's home.
  const home = await alice.v1.timelines.home.list({ limit: 40 });
  assert.ok(!home.some((s) => posted.includes(s.id)));

  await alice.v1.lists.$select(list.id).accounts.remove({ accountIds: [ids.bob!] });
  assert.deepEqual(
    (await alice.v1.lists.$select(list.id).accounts.list()).map((a) => a.username),
    ['alice'],
  );
  await alice.v1.lists.$select(list.id).remove();
  assert.deepEqual(await alice.v1.lists.list(), []);
});

test('Mastodon’s errors, as masto.js raises them', async () => {
  const list = await alice.v1.lists.create({ title: 'Errors' });
  assert.deepEqual(await refusal(bob.v1.lists.$select(list.id).fetch()), {
    status: 404,
    message: 'Record not found',
  });
  assert.deepEqual(
    await refusal(alice.v1.lists.$select(list.id).accounts.create({ accountIds: [ids.carol!] })),
    {
      status: 404,
      message: 'Record not found',
    },
  );
  assert.deepEqual(await refusal(alice.v1.lists.create({ title: '' })), {
    status: 422,
    message: "Validation failed: Title can't be blank",
  });
  await alice.v1.lists.$select(list.id).remove();
});

test('a followed hashtag brings its statuses into the home timeline', async () => {
  const carol = await client('carol');
  const tagged = await carol.v1.statuses.create({ status: 'tomatoes #Allotment' });
  const before = await alice.v1.timelines.home.list({ limit: 40 });
  assert.ok(!before.some((s) => s.id === tagged.id));
  const tag = await alice.v1.tags.$select('allotment').follow();
  assert.equal(tag.following, true);
  const after = await alice.v1.timelines.home.list({ limit: 40 });
  assert.ok(
    after.some((s) => s.id === tagged.id),
    'carol is not followed; the hashtag is',
  );
  await alice.v1.tags.$select('allotment').unfollow();
  assert.ok(!(await alice.v1.timelines.home.list({ limit: 40 })).some((s) => s.id === tagged.id));
});

test('every response matches the OpenAPI document', async () => {
  assert.deepEqual(await server.openApiProblems(), []);
});
