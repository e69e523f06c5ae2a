// The website's content warnings and bookmarks over HTTP: the compose field, the card collapsed
// behind <details> (no JavaScript), the bookmark button's forms and the /bookmarks page, each refusal
// with its message and nothing written, and nobody's bookmarks visible to anyone else.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { testDatabase } from '../../../test/support/database.ts';
import { composeState, errorPageOf } from '../../../test/support/page-checks.ts';
import { startWeb } from '../../../test/support/processes.ts';
import { fixtures, loggedIn } from '../../../test/support/fixtures.ts';
import { SiteClient, type Page } from '../../../test/support/site-client.ts';
import { sqlClient } from '../../../test/support/sql.ts';

const databaseUrl = await testDatabase();
const web = await startWeb(databaseUrl, { RATE_LIMIT_AUTH: '1000' });
const sql = sqlClient(databaseUrl);
const f = fixtures(databaseUrl);
const alice = await loggedIn(web.url, await f.account({ username: 'alice' }));
const bob = await loggedIn(web.url, await f.account({ username: 'bob' }));
const carol = await loggedIn(web.url, await f.account({ username: 'carol' }));
const visitor = new SiteClient(web.url);
const snapshot = async () => ({
  statuses: await sql.rows('SELECT id, text, spoiler_text FROM statuses ORDER BY id'),
  bookmarks: await sql.rows('SELECT id, account_id, status_id FROM bookmarks ORDER BY id'),
});

async function post(client: SiteClient, fields: Record<string, string>): Promise<string> {
  await client.get('/');
  const page = await client.post('/statuses', { visibility: 'public', ...fields });
  assert.equal(page.status, 303, composeState(page).error);
  const [row] = await sql.rows<{ id: string }>('SELECT max(id)::text AS id FROM statuses');
  return row!.id;
}
const card = (page: Page, id: string) => page.doc.querySelector(`#s-${id}`)!;
const bookmarkForm = (page: Page, id: string) =>
  card(page, id).querySelector('form[action$="/bookmark"], form[action$="/unbookmark"]');

describe('content warnings', () => {
  test('the compose form has the field; a post with a warning shows it collapsed in <details>', async () => {
    const home = await alice.get('/');
    const input = home.doc.querySelector('form.compose input[name=spoiler_text]');
    assert.ok(input);
    assert.equal(
      home.doc.querySelector('label[for=compose-spoiler-text]')?.text.trim(),
      'Content warning (optional)',
    );

    const id = await post(alice, { text: 'the butler did it', spoiler_text: 'Film spoilers' });
    const [row] = await sql.rows<{ spoiler_text: string; sensitive: boolean }>(
      `SELECT spoiler_text, sensitive FROM statuses WHERE id = ${id}`,
    );
    assert.deepEqual(row, { spoiler_text: 'Film spoilers', sensitive: true });
    for (const path of ['/public', `/@alice/${id}`, '/@alice']) {
      const page = await visitor.get(path);
      const details = card(page, id).querySelector('details.content-warning');
      assert.ok(details, `collapsed on ${path}`);
      assert.equal(details.hasAttribute('open'), false, 'closed until the reader opens it');
      assert.match(details.querySelector('summary')!.text, /Content warning:\s+Film spoilers/);
      // The text is inside the <details>, after the summary: hidden until opened, without JavaScript.
      assert.match(details.querySelector('.content')!.text, /the butler did it/);
    }
    // The page title names the warning, not the hidden text.
    const page = await visitor.get(`/@alice/${id}`);
    assert.doesNotMatch(page.doc.querySelector('title')!.text, /butler/);
    assert.match(page.doc.querySelector('title')!.text, /CW: Film spoilers/);
    // A post without a warning has no <details>.
    const plain = await post(alice, { text: 'nothing to hide' });
    assert.equal(card(await visitor.get('/public'), plain).querySelector('details.content-warning'), null);
  });

  test('a warning too long with the text: 422, the error shown, what was typed kept, nothing written', async () => {
    await alice.get('/');
    const before = await snapshot();
    const page = await alice.post('/statuses', {
      text: 'x'.repeat(450),
      spoiler_text: 'y'.repeat(51),
      visibility: 'public',
    });
    assert.equal(page.status, 422);
    assert.equal(
      composeState(page).error,
      'Text is too long with its content warning (501 characters; the maximum is 500).',
    );
    assert.equal(
      page.doc.querySelector('form.compose input[name=spoiler_text]')?.getAttribute('value'),
      'y'.repeat(51),
      'the warning is kept',
    );
    assert.deepEqual(await snapshot(), before);
  });

  test('a warning with NUL: 422, the error next to the field, nothing written', async () => {
    await alice.get('/');
    const before = await snapshot();
    const page = await alice.post('/statuses', {
      text: 'hi',
      spoiler_text: 'a\u0000b',
      visibility: 'public',
    });
    assert.equal(page.status, 422);
    assert.equal(
      page.doc.querySelector('#compose-spoiler-text-error')?.text.trim(),
      'Content warning contains a character that is not allowed (NUL).',
    );
    assert.deepEqual(await snapshot(), before);
  });

  test('a reply form keeps the warning of the post it answers', async () => {
    const id = await post(alice, { text: 'more spoilers', spoiler_text: 'Season 2' });
    const page = await bob.get(`/@alice/${id}`);
    assert.equal(
      page.doc.querySelector('form.compose input[name=spoiler_text]')?.getAttribute('value'),
      'Season 2',
    );
  });
});

describe('bookmarks', () => {
  test('the button bookmarks and comes back; only the bookmarker sees it on the card and on /bookmarks', async () => {
    const id = await post(alice, { text: 'keep this one' });
    const page = await bob.get('/public');
    const form = bookmarkForm(page, id)!;
    assert.equal(form.getAttribute('action'), `/@alice/${id}/bookmark`);
    assert.equal(form.querySelector('button')!.getAttribute('aria-pressed'), 'false');
    assert.ok(form.querySelector('input[name=_csrf]'));
    const done = await bob.post(form.getAttribute('action')!, {
      return_to: form.querySelector('input[name=return_to]')!.getAttribute('value')!,
    });
    assert.equal(done.status, 303);
    assert.equal(done.location, `/public#s-${id}`);
    assert.equal(await sql.count(`SELECT count(*) FROM bookmarks WHERE status_id = ${id}`), 1);

    const bobAfter = await bob.get('/public');
    assert.equal(bookmarkForm(bobAfter, id)!.getAttribute('action'), `/@alice/${id}/unbookmark`);
    assert.equal(bookmarkForm(bobAfter, id)!.querySelector('button')!.getAttribute('aria-pressed'), 'true');
    // The same card for carol and alice: not bookmarked; a visitor has no button at all.
    assert.equal(
      bookmarkForm(await carol.get('/public'), id)!.getAttribute('action'),
      `/@alice/${id}/bookmark`,
    );
    assert.equal(
      bookmarkForm(await alice.get('/public'), id)!.getAttribute('action'),
      `/@alice/${id}/bookmark`,
    );
    assert.equal(bookmarkForm(await visitor.get('/public'), id), null);

    const list = async (client: SiteClient) =>
      (await client.get('/bookmarks')).doc
        .querySelectorAll('article.status')
        .map((a) => a.getAttribute('id'));
    assert.deepEqual(await list(bob), [`s-${id}`]);
    assert.deepEqual(await list(carol), [], "carol never sees bob's bookmarks");
    assert.equal(
      (await carol.get('/bookmarks')).doc.querySelector('.empty')?.text.trim(),
      'No bookmarks yet. Press “Bookmark” under a post to keep it here.',
    );

    await bob.get('/bookmarks');
    const undone = await bob.post(`/@alice/${id}/unbookmark`, {});
    assert.equal(undone.status, 303);
    assert.equal(undone.location, `/@alice/${id}`);
    assert.deepEqual(await list(bob), []);
  });

  test('/bookmarks asks a visitor to log in; bookmarking without logging in writes nothing', async () => {
    const page = await visitor.get('/bookmarks');
    assert.equal(page.status, 303);
    assert.equal(page.location, '/login?return_to=%2Fbookmarks');
    const id = await post(alice, { text: 'public' });
    const before = await snapshot();
    const anonymous = await visitor.post(`/@alice/${id}/bookmark`, {});
    assert.notEqual(anonymous.status, 200);
    assert.deepEqual(await snapshot(), before);
  });

  test('a status you may not see, or none at all: the 404 page, nothing written', async () => {
    const hidden = await post(alice, { text: 'followers only', visibility: 'private' });
    for (const path of [`/@alice/${hidden}/bookmark`, '/@alice/123456789/bookmark', '/@alice/abc/bookmark']) {
      await carol.get('/');
      const before = await snapshot();
      const page = await carol.post(path, {});
      assert.equal(page.status, 404, path);
      assert.equal(errorPageOf(page).code, '404');
      assert.deepEqual(await snapshot(), before);
    }
  });

  test('a form without its CSRF token is refused and writes nothing', async () => {
    const id = await post(alice, { text: 'csrf' });
    const before = await snapshot();
    const page = await bob.post(`/@alice/${id}/bookmark`, {}, { csrf: null });
    assert.equal(page.status, 403);
    assert.deepEqual(await snapshot(), before);
  });
});
