// Settings › Filters on the website, over HTTP and without JavaScript: making, changing and deleting a
// filter with its keywords through forms, each refusal shown next to its field with what was typed kept
// and nothing written, another person's filter as the 404 page, and the filters on the pages — a `warn`
// filter's post collapsed behind "Filtered: <title>" (<details>), a `hide` filter's left out — for
// their owner only, in their contexts only.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testDatabase } from '../../../test/support/database.ts';
import { startWeb } from '../../../test/support/processes.ts';
import { fixtures, loggedIn } from '../../../test/support/fixtures.ts';
import { SiteClient, type Page } from '../../../test/support/site-client.ts';
import { sqlClient } from '../../../test/support/sql.ts';

const databaseUrl = await testDatabase();
const web = await startWeb(databaseUrl, { RATE_LIMIT_AUTH: '1000' });
const sql = sqlClient(databaseUrl);
const f = fixtures(databaseUrl);
const aliceAccount = await f.account({ username: 'alice' });
const bobAccount = await f.account({ username: 'bob' });
const alice = await loggedIn(web.url, aliceAccount);
const bob = await loggedIn(web.url, bobAccount);
const visitor = new SiteClient(web.url);
await f.follow(aliceAccount, bobAccount);

const snapshot = async () => ({
  filters: await sql.rows('SELECT * FROM filters ORDER BY id'),
  keywords: await sql.rows('SELECT * FROM filter_keywords ORDER BY id'),
});
const errorOf = (page: Page, name: string) => page.doc.querySelector(`#field-${name}-error`)?.text.trim();
const card = (page: Page, id: string) => page.doc.querySelector(`#s-${id}`);

/** The new-filter form sent as a browser sends it (unticked boxes are not sent). */
function filterForm(fields: {
  title: string;
  context: string[];
  action?: string;
  expiresIn?: string;
  keywords?: Array<{ id?: string; keyword: string; whole?: boolean; remove?: boolean }>;
}): Record<string, string> {
  const form: Record<string, string> = {
    title: fields.title,
    filter_action: fields.action ?? 'warn',
    expires_in: fields.expiresIn ?? '',
  };
  fields.context.forEach((c, i) => (form[`context[${i}]`] = c));
  (fields.keywords ?? []).forEach((k, i) => {
    if (k.id) form[`keywords_attributes[${i}][id]`] = k.id;
    form[`keywords_attributes[${i}][keyword]`] = k.keyword;
    if (k.whole ?? true) form[`keywords_attributes[${i}][whole_word]`] = 'on';
    if (k.remove) form[`keywords_attributes[${i}][_destroy]`] = 'on';
  });
  return form;
}

test('the Filters page needs a login and is linked from settings', async () => {
  const out = await visitor.get('/settings/filters');
  assert.equal(out.status, 303);
  assert.match(out.location!, /^\/login/);
  const settings = await alice.get('/settings');
  assert.ok(settings.doc.querySelector('a[href="/settings/filters"]'));
  const empty = await alice.get('/settings/filters');
  assert.equal(empty.status, 200);
  assert.match(empty.doc.querySelector('.empty')!.text, /no filters/);
});

test('a filter is made, changed and deleted through forms', async () => {
  const form = await alice.get('/settings/filters/new');
  assert.equal(form.status, 200);
  // Three empty keyword rows, the usual contexts ticked, warn chosen, no end.
  assert.equal(form.doc.querySelectorAll('input[name$="[keyword]"]').length, 3);
  assert.ok(form.doc.querySelector('input[name="context[]"][value=home]')!.hasAttribute('checked'));
  assert.ok(form.doc.querySelector('input[name=filter_action][value=warn]')!.hasAttribute('checked'));

  const made = await alice.post(
    '/settings/filters',
    filterForm({
      title: 'Spoilers',
      context: ['home', 'thread'],
      action: 'hide',
      expiresIn: '3600',
      keywords: [{ keyword: 'dune' }, { keyword: 'ending', whole: false }, { keyword: '' }],
    }),
  );
  assert.equal(made.status, 303, errorOf(made, 'title'));
  assert.equal(made.location, '/settings/filters');
  const [row] = await sql.rows<{
    id: string;
    title: string;
    context: string[];
    action: string;
    ends: boolean;
  }>(
    `SELECT id::text, title, context, action, expires_at > now() + interval '59 minutes' AS ends FROM filters`,
  );
  assert.deepEqual(
    { ...row, id: undefined },
    {
      id: undefined,
      title: 'Spoilers',
      context: ['home', 'thread'],
      action: 'hide',
      ends: true,
    },
  );
  const keywords = await sql.rows<{ id: string; keyword: string; whole_word: boolean }>(
    `SELECT id::text, keyword, whole_word FROM filter_keywords WHERE filter_id = ${row!.id} ORDER BY id`,
  );
  assert.deepEqual(
    keywords.map((k) => [k.keyword, k.whole_word]),
    [
      ['dune', true],
      ['ending', false],
    ],
    'the empty row added nothing',
  );
  const list = await alice.get('/settings/filters');
  assert.match(list.doc.querySelector('.flash')?.text ?? list.html, /Filter “Spoilers” made/);
  const item = list.doc.querySelector('.filter')!;
  assert.match(item.text, /Spoilers/);
  assert.match(item.text, /Hide completely/);
  assert.match(item.text, /Home timeline · Threads/);
  assert.match(item.text, /Ends /);

  // The edit form shows the filter; keep the end, rename, remove one keyword, add another.
  const edit = await alice.get(`/settings/filters/${row!.id}`);
  assert.equal(edit.doc.querySelector('#field-title')!.getAttribute('value'), 'Spoilers');
  assert.ok(edit.doc.querySelector('select[name=expires_in] option[value=keep]')!.hasAttribute('selected'));
  const saved = await alice.post(
    `/settings/filters/${row!.id}`,
    filterForm({
      title: 'Film spoilers',
      context: ['home'],
      action: 'warn',
      expiresIn: 'keep',
      keywords: [
        { id: keywords[0]!.id, keyword: 'dune' },
        { id: keywords[1]!.id, keyword: 'ending', whole: false, remove: true },
        { keyword: 'twist' },
      ],
    }),
  );
  assert.equal(saved.status, 303);
  const [after] = await sql.rows<{ title: string; context: string[]; action: string; ends: boolean }>(
    `SELECT title, context, action, expires_at IS NOT NULL AS ends FROM filters WHERE id = ${row!.id}`,
  );
  assert.deepEqual(after, { title: 'Film spoilers', context: ['home'], action: 'warn', ends: true });
  assert.deepEqual(
    (
      await sql.rows<{ keyword: string }>(
        `SELECT keyword FROM filter_keywords WHERE filter_id = ${row!.id} ORDER BY id`,
      )
    ).map((k) => k.keyword),
    ['dune', 'twist'],
  );

  const deleted = await alice.post(`/settings/filters/${row!.id}/delete`, {});
  assert.equal(deleted.status, 303);
  assert.equal(await sql.count('SELECT count(*) FROM filters'), 0);
  assert.equal(await sql.count('SELECT count(*) FROM filter_keywords'), 0);
});

test('a refused filter is shown again with each message next to its field, what was typed kept, nothing written', async () => {
  await alice.get('/settings/filters/new');
  const before = await snapshot();
  const page = await alice.post(
    '/settings/filters',
    filterForm({ title: '  ', context: [], keywords: [{ keyword: 'kept word' }] }),
  );
  assert.equal(page.status, 422);
  assert.equal(errorOf(page, 'title'), "Title can't be blank");
  assert.equal(errorOf(page, 'context'), "Context can't be blank, Context None or invalid context supplied");
  assert.equal(
    page.doc.querySelector('input[name="keywords_attributes[0][keyword]"]')!.getAttribute('value'),
    'kept word',
  );
  assert.deepEqual(await snapshot(), before);
  const bad = await alice.post(
    '/settings/filters',
    filterForm({ title: 'x', context: ['home'], expiresIn: 'tomorrow' }),
  );
  assert.equal(bad.status, 422);
  assert.match(errorOf(bad, 'expires_in')!, /^Expires in must be a whole number of seconds/);
  assert.deepEqual(await snapshot(), before);
});

test("another person's filter is the 404 page, and nothing changes", async () => {
  const mine = await alice.post('/settings/filters', filterForm({ title: 'Mine', context: ['home'] }));
  assert.equal(mine.status, 303);
  const [row] = await sql.rows<{ id: string }>(`SELECT id::text FROM filters WHERE title = 'Mine'`);
  await bob.get('/settings/filters');
  const before = await snapshot();
  assert.equal((await bob.get(`/settings/filters/${row!.id}`)).status, 404);
  assert.equal(
    (await bob.post(`/settings/filters/${row!.id}`, filterForm({ title: 'Taken', context: ['home'] })))
      .status,
    404,
  );
  assert.equal((await bob.post(`/settings/filters/${row!.id}/delete`, {})).status, 404);
  assert.equal(
    (await visitor.post(`/settings/filters/${row!.id}/delete`, {})).status,
    403,
    'no session, no CSRF token',
  );
  assert.deepEqual(await snapshot(), before);
  assert.doesNotMatch((await bob.get('/settings/filters')).html, /Mine/);
  await alice.get('/settings/filters');
  await alice.post(`/settings/filters/${row!.id}/delete`, {});
});

test('on the pages: warn collapses behind "Filtered: <title>", hide leaves out, for the owner and in the contexts only', async () => {
  const plain = await f.status(bobAccount, 'a plain post #things');
  const warned = await f.status(bobAccount, 'my CATS are asleep #things');
  const hidden = await f.status(bobAccount, 'pineapple on pizza @alice #things');
  const reply = await f.status(bobAccount, 'more pineapple', { inReplyTo: plain });
  // Read before the filters exist: the web process's read cache now holds alice's (empty) filters,
  // and must drop them when she makes one (cf:<account>).
  const before = await alice.get('/');
  assert.ok(card(before, hidden.id) && !card(before, warned.id)!.closest('details.filtered'));
  await alice.get('/settings/filters/new');
  assert.equal(
    (
      await alice.post(
        '/settings/filters',
        filterForm({ title: 'Cats', context: ['home', 'public'], keywords: [{ keyword: 'cats' }] }),
      )
    ).status,
    303,
  );
  assert.equal(
    (
      await alice.post(
        '/settings/filters',
        filterForm({
          title: 'No pineapple',
          context: ['home', 'public', 'thread', 'account', 'notifications'],
          action: 'hide',
          keywords: [{ keyword: 'pineapple' }],
        }),
      )
    ).status,
    303,
  );
  for (const path of ['/', '/public', '/tags/things']) {
    const page = await alice.get(path);
    const details = card(page, warned.id)?.closest('details.filtered');
    assert.ok(details, `collapsed on ${path}`);
    assert.equal(details.hasAttribute('open'), false);
    assert.match(details.querySelector('summary')!.text, /Filtered: Cats/);
    assert.ok(!card(page, hidden.id), `left out on ${path}`);
    assert.ok(
      card(page, plain.id) && !card(page, plain.id)!.closest('details.filtered'),
      `${path}: plain shown`,
    );
    // Bob and visitors see it all, as it is.
    for (const other of [bob, visitor]) {
      if (path === '/' && other === visitor) continue;
      const theirs = await other.get(path);
      assert.ok(card(theirs, hidden.id), `${path}: shown to others`);
      assert.ok(!card(theirs, warned.id)!.closest('details.filtered'));
    }
  }
  // Profile (`account`): hide only; the warn filter is not in that context.
  const profile = await alice.get('/@bob');
  assert.ok(!card(profile, hidden.id));
  assert.ok(card(profile, warned.id) && !card(profile, warned.id)!.closest('details.filtered'));
  // Thread: the hidden reply is left out; the status asked for is always shown.
  const thread = await alice.get(`/@bob/${plain.id}`);
  assert.ok(!card(thread, reply.id));
  assert.ok(card(await alice.get(`/@bob/${hidden.id}`), hidden.id), 'a status page shows its own status');
  assert.ok(card(await bob.get(`/@bob/${plain.id}`), reply.id));
  // Notifications: the mention in the hidden post goes with it.
  const notes = await alice.get('/notifications');
  assert.ok(!card(notes, hidden.id));
  // Deleted filters filter nothing, at once.
  for (const row of await sql.rows<{ id: string }>(`SELECT id::text FROM filters`)) {
    await alice.get('/settings/filters');
    assert.equal((await alice.post(`/settings/filters/${row.id}/delete`, {})).status, 303);
  }
  const after = await alice.get('/');
  assert.ok(card(after, hidden.id) && !card(after, warned.id)!.closest('details.filtered'));
});
