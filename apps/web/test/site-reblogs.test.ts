// Boosts on the website over HTTP: the Boost / Unboost button (a form, no JavaScript) where Mastodon
// allows a boost, boosts on the home timeline and the profile under "<name> boosted", the count on
// the status page, the boost's own page leading to the original, and each refusal with nothing
// written.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testDatabase } from '../../../test/support/database.ts';
import { errorPageOf } from '../../../test/support/page-checks.ts';
import { startWeb } from '../../../test/support/processes.ts';
import { fixtures, loggedIn } from '../../../test/support/fixtures.ts';
import { SiteClient, type Page } from '../../../test/support/site-client.ts';
import { sqlClient } from '../../../test/support/sql.ts';

const databaseUrl = await testDatabase();
const web = await startWeb(databaseUrl, { RATE_LIMIT_AUTH: '1000' });
const sql = sqlClient(databaseUrl);
const f = fixtures(databaseUrl);
const accounts = {
  alice: await f.account({ username: 'alice' }),
  bob: await f.account({ username: 'bob' }),
  carol: await f.account({ username: 'carol' }),
};
const ids = { alice: accounts.alice.id, bob: accounts.bob.id, carol: accounts.carol.id };
const alice = await loggedIn(web.url, accounts.alice);
const bob = await loggedIn(web.url, accounts.bob);
const carol = await loggedIn(web.url, accounts.carol);
const visitor = new SiteClient(web.url);
await f.follow(ids.carol, ids.bob);
const aliceApi = await f.token(ids.alice);
/** Alice posts or edits through the API (the website has no edit form; the visibilities the fixture lacks). */
async function aliceWrites(method: 'POST' | 'PUT', path: string, body: Record<string, string>) {
  const response = await fetch(`${web.url}${path}`, {
    method,
    headers: { ...aliceApi.headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(response.status, 200);
  return (await response.json()) as { id: string };
}
const snapshot = () => sql.rows('SELECT id, reblog_of_id, account_id FROM statuses ORDER BY id');

const card = (page: Page, id: string) => page.doc.querySelector(`#s-${id}`);
const boostForm = (page: Page, id: string) =>
  card(page, id)?.querySelector('form[action$="/reblog"], form[action$="/unreblog"]') ?? null;

test('the Boost button boosts and comes back; the boost shows on home and profile under "bob boosted"; Unboost undoes it', async () => {
  const post = await f.status(ids.alice, 'a post worth boosting');
  const page = await bob.get('/public');
  const form = boostForm(page, post.id)!;
  assert.equal(form.getAttribute('action'), `/@alice/${post.id}/reblog`);
  assert.equal(form.querySelector('button')!.getAttribute('aria-pressed'), 'false');
  assert.match(form.querySelector('button')!.text, /Boost\s+\(0 boosts\)/);
  const done = await bob.post(form.getAttribute('action')!, {
    return_to: form.querySelector('input[name=return_to]')!.getAttribute('value')!,
  });
  assert.equal(done.status, 303);
  assert.equal(done.location, `/public#s-${post.id}`);
  const [boost] = await sql.rows<{ id: string }>(
    `SELECT id::text FROM statuses WHERE reblog_of_id = ${post.id} AND account_id = ${ids.bob}`,
  );
  assert.ok(boost, 'the boost row');

  // Bob's button says Boosted; the count is on the status page for everyone.
  const after = await bob.get(`/@alice/${post.id}`);
  assert.equal(boostForm(after, post.id)!.getAttribute('action'), `/@alice/${post.id}/unreblog`);
  assert.equal(boostForm(after, post.id)!.querySelector('button')!.getAttribute('aria-pressed'), 'true');
  const seen = await visitor.get(`/@alice/${post.id}`);
  assert.equal(boostForm(seen, post.id), null, 'a visitor has no button');
  assert.match(card(seen, post.id)!.querySelector('.action.boost')!.text, /1\s*1 boost/);

  // Carol follows bob: the boost is on her home timeline, under "bob boosted", with its own id.
  for (const [client, path] of [
    [carol, '/'],
    [visitor, '/@bob'],
  ] as const) {
    const shown = await client.get(path);
    const wrapper = card(shown, boost.id);
    assert.ok(wrapper, `the boost on ${path}`);
    const boosted = shown.doc.querySelector('.boosted')!;
    assert.match(boosted.querySelector('.boosted-by')!.text, /bob\s+boosted/);
    assert.match(wrapper.querySelector('.content')!.text, /a post worth boosting/);
    assert.match(wrapper.querySelector('.author')!.text, /@alice/);
  }
  // The public timeline shows the original only.
  const publicPage = await visitor.get('/public');
  assert.ok(card(publicPage, post.id));
  assert.equal(card(publicPage, boost.id), null);
  // The boost's own address leads to the original's page.
  const direct = await visitor.get(`/@bob/${boost.id}`);
  assert.equal(direct.status, 302);
  assert.equal(direct.location, `/@alice/${post.id}`);

  await bob.get('/');
  const undone = await bob.post(`/@alice/${post.id}/unreblog`, {});
  assert.equal(undone.status, 303);
  assert.equal(undone.location, `/@alice/${post.id}`);
  assert.equal(await sql.count(`SELECT count(*) FROM statuses WHERE reblog_of_id = ${post.id}`), 0);
  assert.equal(card(await carol.get('/'), boost.id), null);
});

test('no button where Mastodon allows no boost: direct posts, others’ followers-only posts; the author may boost its own', async () => {
  await f.follow(ids.bob, ids.alice);
  const followersOnly = await aliceWrites('POST', '/api/v1/statuses', {
    status: 'followers only',
    visibility: 'private',
  });
  const direct = await aliceWrites('POST', '/api/v1/statuses', {
    status: '@bob only you',
    visibility: 'direct',
  });
  const asBob = await bob.get(`/@alice/${followersOnly.id}`);
  assert.equal(boostForm(asBob, followersOnly.id), null);
  assert.equal(boostForm(await bob.get(`/@alice/${direct.id}`), direct.id), null);
  assert.equal(card(await bob.get(`/@alice/${direct.id}`), direct.id)!.querySelector('.action.boost'), null);
  const asAlice = await alice.get(`/@alice/${followersOnly.id}`);
  assert.equal(
    boostForm(asAlice, followersOnly.id)!.getAttribute('action'),
    `/@alice/${followersOnly.id}/reblog`,
  );

  // Posting the form anyway: 403 page, nothing written.
  for (const id of [followersOnly.id, direct.id]) {
    await bob.get('/');
    const before = await snapshot();
    const page = await bob.post(`/@alice/${id}/reblog`, {});
    assert.equal(page.status, 403);
    assert.match(errorPageOf(page).text, /Only its author can boost a followers-only post/);
    assert.deepEqual(await snapshot(), before);
  }
});

test('a status you may not see, none at all, no login or no CSRF token: refused, nothing written', async () => {
  const hidden = await aliceWrites('POST', '/api/v1/statuses', {
    status: 'followers only again',
    visibility: 'private',
  });
  for (const path of [`/@alice/${hidden.id}/reblog`, '/@alice/123456789/reblog', '/@alice/abc/reblog']) {
    await carol.get('/');
    const before = await snapshot();
    const page = await carol.post(path, {});
    assert.equal(page.status, 404, path);
    assert.equal(errorPageOf(page).code, '404');
    assert.deepEqual(await snapshot(), before);
  }
  const open = await f.status(ids.alice, 'open');
  const before = await snapshot();
  const anonymous = await visitor.post(`/@alice/${open.id}/reblog`, {});
  assert.notEqual(anonymous.status, 200);
  assert.notEqual(anonymous.status, 303);
  const forged = await bob.post(`/@alice/${open.id}/reblog`, {}, { csrf: null });
  assert.equal(forged.status, 403);
  assert.deepEqual(await snapshot(), before);
});

test('notifications: the author sees "boosted your post"; an edit tells the booster', async () => {
  const post = await f.status(ids.alice, 'notify me');
  await bob.get('/');
  await bob.post(`/@alice/${post.id}/reblog`, {});
  const page = await alice.get('/notifications');
  const note = page.doc.querySelector('.notification-reblog');
  assert.ok(note);
  assert.match(note.text, /bob\s+boosted your post/);
  assert.ok(card(page, post.id));
  await aliceWrites('PUT', `/api/v1/statuses/${post.id}`, { status: 'notify me, edited' });
  const bobNotes = await bob.get('/notifications');
  const update = bobNotes.doc.querySelector('.notification-update');
  assert.ok(update, 'an update notification');
  assert.match(update.text, /alice\s+edited a post you boosted/);
});

test('"Hide boosts" on a followed profile keeps its boosts off the home timeline; "Show boosts" brings them back', async () => {
  const post = await f.status(ids.alice, 'boosted by bob for carol');
  await bob.get('/');
  await bob.post(`/@alice/${post.id}/reblog`, {});
  const [boost] = await sql.rows<{ id: string }>(
    `SELECT id::text FROM statuses WHERE reblog_of_id = ${post.id} AND account_id = ${ids.bob}`,
  );
  assert.ok(card(await carol.get('/'), boost!.id), 'carol follows bob: the boost is on her home');
  const profile = await carol.get('/@bob');
  const hide = profile.doc.querySelector('.more-actions form[action="/@bob/follow"]')!;
  assert.equal(hide.querySelector('input[name=reblogs]')!.getAttribute('value'), 'false');
  assert.match(hide.querySelector('button')!.text, /Hide boosts from @bob/);
  const hidden = await carol.post('/@bob/follow', { reblogs: 'false' });
  assert.equal(hidden.status, 303);
  const [row] = await sql.rows<{ show_reblogs: boolean }>(
    `SELECT show_reblogs FROM follows WHERE account_id = ${ids.carol} AND target_account_id = ${ids.bob}`,
  );
  assert.equal(row!.show_reblogs, false, 'still following, boosts hidden');
  assert.equal(card(await carol.get('/'), boost!.id), null);
  const again = await carol.get('/@bob');
  assert.match(
    again.doc.querySelector('.more-actions form[action="/@bob/follow"] button')!.text,
    /Show boosts from @bob/,
  );
  await carol.post('/@bob/follow', { reblogs: 'true' });
  assert.ok(card(await carol.get('/'), boost!.id));
});
