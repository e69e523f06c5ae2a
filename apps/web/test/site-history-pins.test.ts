// The website's edit history and pins over HTTP (no JavaScript): the "Edited" link and the versions
// page, the Pin / Unpin forms, pinned statuses first on the profile for those who may see them, each
// refusal with its message and nothing written.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startApiServer } from '../../../test/support/api-server.ts';
import { errorPageOf } from '../../../test/support/page-checks.ts';
import { fixtures, loggedIn } from '../../../test/support/fixtures.ts';
import { SiteClient, type Page } from '../../../test/support/site-client.ts';
import { sqlClient } from '../../../test/support/sql.ts';

const web = await startApiServer();
const sql = sqlClient(web.app.databaseUrl);
const f = fixtures(web.app);
const { services } = web.app;
const aliceAccount = await f.account({ username: 'alice' });
const bobAccount = await f.account({ username: 'bob' });
const alice = await loggedIn(web.url, aliceAccount);
const bob = await loggedIn(web.url, bobAccount);
const carol = await loggedIn(web.url, await f.account({ username: 'carol' }));
const visitor = new SiteClient(web.url);
await f.follow(bobAccount.id, aliceAccount.id);
const pins = () => sql.rows('SELECT * FROM status_pins ORDER BY id');

const card = (page: Page, id: string) => page.doc.querySelector(`#s-${id}`)!;
const pinForm = (page: Page, id: string) =>
  card(page, id).querySelector('form[action$="/pin"], form[action$="/unpin"]');
const pinnedIds = (page: Page) =>
  page.doc.querySelectorAll('section.pinned article.status').map((a) => a.getAttribute('id')!.slice(2));

test('an edited status links to its versions, newest first, for whoever may see it', async () => {
  const s = await f.status(aliceAccount.id, 'first draft');
  assert.equal(card(await visitor.get('/@alice'), s.id).querySelector('a.edited'), null, 'not edited yet');
  await services.statuses.edit({
    actorId: aliceAccount.id,
    statusId: s.id,
    text: 'second draft',
    spoilerText: 'cw',
  });
  await services.statuses.edit({ actorId: aliceAccount.id, statusId: s.id, text: 'final words' });
  for (const path of ['/public', '/@alice', `/@alice/${s.id}`]) {
    const link = card(await visitor.get(path), s.id).querySelector('a.edited');
    assert.equal(link?.getAttribute('href'), `/@alice/${s.id}/history`, path);
  }
  const page = await visitor.get(`/@alice/${s.id}/history`);
  assert.equal(page.status, 200);
  const versions = page.doc.querySelectorAll('ol.versions > li');
  assert.deepEqual(
    versions.map((v) => v.querySelector('.version-title')!.text.replace(/\s+/g, ' ').trim().split(' ')[0]),
    ['Current', 'Edited', 'Original'],
  );
  assert.deepEqual(
    versions.map((v) => v.querySelector('.content')!.text.trim()),
    ['final words', 'second draft', 'first draft'],
  );
  // The warning of a version is collapsed as on the card.
  assert.match(versions[1]!.querySelector('details.content-warning summary')!.text, /Content warning:\s+cw/);
  assert.match(page.doc.querySelector('.hint')!.text, /Edited 2 times\./);
  // A wrongly spelled name goes to the right address.
  const moved = await visitor.get(`/@bob/${s.id}/history`);
  assert.equal(moved.status, 301);
  assert.equal(moved.location, `/@alice/${s.id}/history`);
});

test('the versions of a status you may not see: the 404 page', async () => {
  const hidden = await services.statuses.create({
    actorId: aliceAccount.id,
    text: 'followers',
    visibility: 'private',
  });
  await services.statuses.edit({ actorId: aliceAccount.id, statusId: hidden.id, text: 'followers, edited' });
  assert.equal((await bob.get(`/@alice/${hidden.id}/history`)).status, 200, 'a follower');
  for (const client of [carol, visitor]) {
    const page = await client.get(`/@alice/${hidden.id}/history`);
    assert.equal(page.status, 404);
    assert.equal(errorPageOf(page).code, '404');
  }
  assert.equal((await visitor.get('/@alice/123456789/history')).status, 404);
});

test('Pin and Unpin: the author’s buttons; pinned statuses head the profile, marked', async () => {
  const older = await f.status(aliceAccount.id, 'an older favourite');
  const newer = await f.status(aliceAccount.id, 'something new');
  const page = await alice.get('/@alice');
  const form = pinForm(page, older.id)!;
  assert.equal(form.getAttribute('action'), `/@alice/${older.id}/pin`);
  assert.equal(pinForm(await bob.get('/@alice'), older.id), null, 'nobody else gets the button');
  assert.equal(pinForm(await visitor.get('/@alice'), older.id), null);
  const done = await alice.post(form.getAttribute('action')!, {
    return_to: form.querySelector('input[name=return_to]')!.getAttribute('value')!,
  });
  assert.equal(done.status, 303);
  assert.equal(done.location, `/@alice#s-${older.id}`);

  const after = await alice.get('/@alice');
  assert.equal(after.doc.querySelector('.flash')?.text.trim(), 'Pinned to your profile.');
  assert.deepEqual(pinnedIds(after), [older.id]);
  assert.match(after.doc.querySelector('section.pinned .pinned-label')!.text, /Pinned/);
  assert.equal(pinForm(after, older.id)!.getAttribute('action'), `/@alice/${older.id}/unpin`);
  // Everyone sees it first; it stays in the list below too, and not on the next pages.
  for (const client of [bob, carol, visitor])
    assert.deepEqual(pinnedIds(await client.get('/@alice')), [older.id]);
  assert.deepEqual(pinnedIds(await visitor.get(`/@alice?max_id=${newer.id}`)), []);

  await alice.get('/@alice');
  const undone = await alice.post(`/@alice/${older.id}/unpin`, {});
  assert.equal(undone.status, 303);
  assert.equal(undone.location, `/@alice/${older.id}`);
  assert.deepEqual(pinnedIds(await visitor.get('/@alice')), []);
});

test('a followers-only pinned status heads the profile only for those who may see it', async () => {
  const hidden = await services.statuses.create({
    actorId: aliceAccount.id,
    text: 'for my followers',
    visibility: 'private',
  });
  await services.pins.pin({ actorId: aliceAccount.id, statusId: hidden.id });
  assert.deepEqual(pinnedIds(await alice.get('/@alice')), [hidden.id]);
  assert.deepEqual(pinnedIds(await bob.get('/@alice')), [hidden.id]);
  assert.deepEqual(pinnedIds(await carol.get('/@alice')), []);
  assert.deepEqual(pinnedIds(await visitor.get('/@alice')), []);
  assert.equal((await visitor.get('/@alice')).doc.querySelector('section.pinned'), null);
  await services.pins.unpin({ actorId: aliceAccount.id, statusId: hidden.id });
});

test('refusals: the sixth pin and another’s status are told on the page; nothing is written', async () => {
  const mine = [];
  for (let i = 0; i < 6; i++) mine.push(await f.status(bobAccount.id, `bob ${i}`));
  for (const s of mine.slice(0, 5)) await services.pins.pin({ actorId: bobAccount.id, statusId: s.id });
  await bob.get('/@bob');
  let before = await pins();
  const sixth = await bob.post(`/@bob/${mine[5]!.id}/pin`, { return_to: '/@bob' });
  assert.equal(sixth.status, 303);
  assert.equal(sixth.location, '/@bob');
  assert.equal(
    (await bob.get('/@bob')).doc.querySelector('.flash')?.text.trim(),
    'You have already pinned the maximum number of posts',
  );
  assert.deepEqual(await pins(), before);

  const alices = await f.status(aliceAccount.id, 'not yours');
  await carol.get('/public');
  before = await pins();
  await carol.post(`/@alice/${alices.id}/pin`, { return_to: '/public' });
  assert.equal(
    (await carol.get('/public')).doc.querySelector('.flash')?.text.trim(),
    "Someone else's post cannot be pinned",
  );
  assert.deepEqual(await pins(), before);

  const hidden = await services.statuses.create({
    actorId: aliceAccount.id,
    text: 'hidden',
    visibility: 'private',
  });
  await carol.get('/public');
  const notFound = await carol.post(`/@alice/${hidden.id}/pin`, {});
  assert.equal(notFound.status, 404);
  assert.deepEqual(await pins(), before);
  const anonymous = await visitor.post(`/@alice/${alices.id}/pin`, {});
  assert.notEqual(anonymous.status, 200);
  const noCsrf = await alice.post(`/@alice/${alices.id}/pin`, {}, { csrf: null });
  assert.equal(noCsrf.status, 403);
  assert.deepEqual(await pins(), before);
  // A direct status has no Pin button.
  const direct = await services.statuses.create({
    actorId: aliceAccount.id,
    text: 'note',
    visibility: 'direct',
  });
  assert.equal(pinForm(await alice.get(`/@alice/${direct.id}`), direct.id), null);
});
