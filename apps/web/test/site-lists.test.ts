// Lists on the website over HTTP, without JavaScript: making, renaming and deleting a list, adding
// and removing people you follow, reading its timeline; refusals next to the field with what was
// typed kept and nothing written; another person's list is a 404 everywhere.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testDatabase } from '../../../test/support/database.ts';
import { errorPageOf, statusIds } from '../../../test/support/page-checks.ts';
import { startWeb } from '../../../test/support/processes.ts';
import { fixtures, loggedIn } from '../../../test/support/fixtures.ts';
import { SiteClient } from '../../../test/support/site-client.ts';
import { sqlClient } from '../../../test/support/sql.ts';

const databaseUrl = await testDatabase();
const web = await startWeb(databaseUrl, { RATE_LIMIT_AUTH: '1000' });
const sql = sqlClient(databaseUrl);
const f = fixtures(databaseUrl);
const aliceAccount = await f.account({ username: 'alice' });
const bobAccount = await f.account({ username: 'bob' });
const carolAccount = await f.account({ username: 'carol' });
const alice = await loggedIn(web.url, aliceAccount);
const bob = await loggedIn(web.url, bobAccount);
await f.follow(aliceAccount, bobAccount);
const snapshot = async () => ({
  lists: await sql.rows('SELECT * FROM lists ORDER BY id'),
  members: await sql.rows('SELECT * FROM list_accounts ORDER BY id'),
});

test('logged out, the lists pages ask to log in', async () => {
  const page = await new SiteClient(web.url).get('/lists');
  assert.equal(page.status, 303);
  assert.match(page.location ?? '', /^\/login/);
});

test('a list is made, filled, read, changed and deleted with forms', async () => {
  const lists = await alice.get('/lists');
  assert.equal(lists.status, 200);
  assert.match(lists.doc.querySelector('.empty')!.text, /no lists yet/);
  assert.ok(lists.doc.querySelector('header a[href="/lists"]'), 'linked in the header');

  // A blank title: the message next to the field, the other choices kept, nothing written.
  const before = await snapshot();
  const blank = await alice.post('/lists', { title: '  ', replies_policy: 'none', exclusive: 'true' });
  assert.equal(blank.status, 422);
  assert.equal(blank.doc.querySelector('#field-title-error')?.text.trim(), "Title can't be blank");
  assert.equal(
    blank.doc.querySelector('#new-replies-policy option[selected]')?.getAttribute('value'),
    'none',
  );
  assert.ok(blank.doc.querySelector('#new-exclusive')?.hasAttribute('checked'));
  const badPolicy = await alice.post('/lists', { title: 'Fine', replies_policy: 'everyone' });
  assert.equal(badPolicy.status, 422);
  assert.equal(
    badPolicy.doc.querySelector('#field-replies_policy-error')?.text.trim(),
    'Replies policy is not included in the list',
  );
  assert.equal(
    badPolicy.doc.querySelector('#field-title')?.getAttribute('value'),
    'Fine',
    'what was typed is kept',
  );
  assert.deepEqual(await snapshot(), before);

  const made = await alice.post('/lists', { title: 'Neighbours', replies_policy: 'followed' });
  assert.equal(made.status, 303);
  const [row] = await sql.rows<{ id: string; replies_policy: string; exclusive: boolean }>(
    'SELECT id::text, replies_policy, exclusive FROM lists',
  );
  assert.equal(made.location, `/lists/${row!.id}/edit`);
  assert.deepEqual({ ...row, id: '' }, { id: '', replies_policy: 'followed', exclusive: false });

  // The edit page offers the people alice follows; adding bob moves him to the members.
  const edit = await alice.get(`/lists/${row!.id}/edit`);
  const addBob = edit.doc.querySelector(
    `form[action="/lists/${row!.id}/add"] input[value="${bobAccount.id}"]`,
  );
  assert.ok(addBob, 'bob is offered');
  assert.equal(
    edit.doc.querySelector(`form[action="/lists/${row!.id}/add"] input[value="${carolAccount.id}"]`),
    null,
    'carol is not followed: not offered',
  );
  assert.equal((await alice.post(`/lists/${row!.id}/add`, { account_id: bobAccount.id })).status, 303);
  const filled = await alice.get(`/lists/${row!.id}/edit`);
  assert.ok(
    filled.doc.querySelector(`form[action="/lists/${row!.id}/remove"] input[value="${bobAccount.id}"]`),
  );
  assert.equal(filled.doc.querySelector(`form[action="/lists/${row!.id}/add"]`), null);

  // Carol is not followed: a 404 page, nothing written.
  const held = await snapshot();
  const refused = await alice.post(`/lists/${row!.id}/add`, { account_id: carolAccount.id });
  assert.equal(refused.status, 404);
  assert.equal(errorPageOf(refused).text, 'You can only add accounts you follow.');
  assert.deepEqual(await snapshot(), held);

  // The list's timeline shows bob's posts.
  const status = await f.status(bobAccount, 'bob in the neighbourhood');
  const timeline = await alice.get(`/lists/${row!.id}`);
  assert.equal(timeline.doc.querySelector('h1')?.text.trim(), 'Neighbours');
  assert.deepEqual(statusIds(timeline), [status.id]);

  // Rename and make it exclusive; an empty title is refused next to the field.
  const emptied = await alice.post(`/lists/${row!.id}`, { title: '', replies_policy: 'list' });
  assert.equal(emptied.status, 422);
  assert.equal(emptied.doc.querySelector('#field-title-error')?.text.trim(), "Title can't be blank");
  assert.deepEqual(await snapshot(), held);
  const saved = await alice.post(`/lists/${row!.id}`, {
    title: 'Street',
    replies_policy: 'none',
    exclusive: 'true',
  });
  assert.equal(saved.status, 303);
  assert.deepEqual(
    (await sql.rows('SELECT title, replies_policy, exclusive FROM lists WHERE id = $1', [row!.id]))[0],
    { title: 'Street', replies_policy: 'none', exclusive: true },
  );
  // Exclusive: bob's post leaves alice's home page.
  const home = await alice.get('/');
  assert.ok(!statusIds(home).includes(status.id));

  assert.equal((await alice.post(`/lists/${row!.id}/remove`, { account_id: bobAccount.id })).status, 303);
  assert.equal(await sql.count('SELECT count(*) FROM list_accounts'), 0);
  assert.ok(statusIds(await alice.get('/')).includes(status.id), 'back in home');

  const deleted = await alice.post(`/lists/${row!.id}/delete`, {});
  assert.equal(deleted.status, 303);
  assert.equal(deleted.location, '/lists');
  assert.equal(await sql.count('SELECT count(*) FROM lists'), 0);
  assert.equal(await sql.count('SELECT count(*) FROM follows'), 1, 'bob stays followed');
});

test('another person’s list is a 404 on every page and form, and nothing changes', async () => {
  await alice.get('/lists');
  await alice.post('/lists', { title: 'Private' });
  const [row] = await sql.rows<{ id: string }>('SELECT id::text FROM lists');
  await alice.post(`/lists/${row!.id}/add`, { account_id: bobAccount.id });
  const before = await snapshot();
  await bob.get('/lists');
  for (const path of [`/lists/${row!.id}`, `/lists/${row!.id}/edit`])
    assert.equal((await bob.get(path)).status, 404, path);
  for (const [path, fields] of [
    [`/lists/${row!.id}`, { title: 'Mine now' }],
    [`/lists/${row!.id}/delete`, {}],
    [`/lists/${row!.id}/remove`, { account_id: bobAccount.id }],
    [`/lists/${row!.id}/add`, { account_id: aliceAccount.id }],
  ] as Array<[string, Record<string, string>]>)
    assert.equal((await bob.post(path, fields)).status, 404, path);
  assert.deepEqual(await snapshot(), before);
  assert.equal((await bob.get('/lists')).doc.querySelector('.lists'), null, 'bob sees none of alice’s lists');
  // Without the CSRF token nothing happens either.
  assert.equal((await alice.post(`/lists/${row!.id}/delete`, {}, { csrf: null })).status, 403);
  assert.deepEqual(await snapshot(), before);
});
