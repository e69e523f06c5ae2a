// End to end over HTTP: the public timeline, profiles, status pages, compose and delete, with every bad
// input of issue 2: the exact error next to the field, what was typed kept, and nothing written.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { HTMLElement } from 'node-html-parser';
import { testDatabase } from '../../../test/support/database.ts';
import {
  assertNoExecutableMarkup,
  composeState,
  errorPageOf,
  statusIds,
} from '../../../test/support/page-checks.ts';
import { startWeb } from '../../../test/support/processes.ts';
import { fixtures, loggedIn } from '../../../test/support/fixtures.ts';
import { SiteClient, type Page } from '../../../test/support/site-client.ts';
import { sqlClient } from '../../../test/support/sql.ts';
import { XSS_PAYLOADS } from '../../../test/support/xss-payloads.ts';

const databaseUrl = await testDatabase();
const web = await startWeb(databaseUrl, { RATE_LIMIT_AUTH: '1000' });
const sql = sqlClient(databaseUrl);
const statusCount = () => sql.count('SELECT count(*) FROM statuses');

const f = fixtures(databaseUrl);
const alice = await loggedIn(web.url, await f.account({ username: 'alice' }));
const bob = await loggedIn(web.url, await f.account({ username: 'bob' }));
const visitor = new SiteClient(web.url);

/** Posts from the compose form on `/`, as a person would. */
async function compose(client: SiteClient, text: string, extra: Record<string, string> = {}): Promise<Page> {
  await client.get('/');
  return client.post('/statuses', { text, visibility: 'public', ...extra });
}

/** Posts and returns the new status's id (the newest of the author's). */
async function postId(client: SiteClient, username: string, text: string): Promise<string> {
  const page = await compose(client, text);
  assert.equal(page.status, 303, `posting failed: ${composeState(page).error}`);
  const [row] = await sql.rows<{ id: string }>(
    'SELECT s.id FROM statuses s JOIN accounts a ON a.id = s.account_id WHERE a.username = $1 ORDER BY s.id DESC LIMIT 1',
    [username],
  );
  return row!.id;
}

/** The card of a status on a page. */
function card(page: Page, id: string): HTMLElement | null {
  return page.doc.querySelector(`article[aria-labelledby="s-${id}-author"]`);
}

describe('the public timeline `/`', () => {
  test('a visitor sees the welcome, no compose form, and the statuses of everyone', async () => {
    const id = await postId(alice, 'alice', 'Hello from alice');
    const page = await visitor.get('/');
    assert.equal(page.status, 200);
    assert.equal(page.doc.querySelector('title')!.text, 'Public timeline · microposts');
    assert.ok(page.doc.querySelector('.welcome a[href="/signup"]'));
    assert.equal(page.doc.querySelector('form.compose'), null);
    const article = card(page, id)!;
    assert.equal(article.querySelector('.content')!.text.trim(), 'Hello from alice');
    assert.equal(article.querySelector('.author')!.getAttribute('href'), '/@alice');
    assert.equal(article.querySelector('a.time')!.getAttribute('href'), `/@alice/${id}`);
    assert.match(article.querySelector('time')!.getAttribute('datetime')!, /^\d{4}-\d\d-\d\dT/);
    assert.equal(article.querySelector('form'), null, 'no delete button for a visitor');
    assert.ok(page.doc.querySelector('main#main'));
    assert.ok(page.doc.querySelector('nav[aria-label=Main]'));
  });

  test('a logged-in person sees the compose form with a labelled textarea and the counter', async () => {
    const page = await alice.get('/');
    const form = page.doc.querySelector('form.compose')!;
    assert.equal(form.getAttribute('action'), '/statuses');
    assert.ok(form.querySelector('input[name=_csrf]')!.getAttribute('value'));
    const textarea = form.querySelector('textarea[name=text]')!;
    assert.ok(page.doc.querySelector(`label[for=${textarea.id}]`));
    assert.equal(form.querySelector('.counter')!.getAttribute('data-max'), '500');
  });

  test('an unlisted status is on the profile but not on the public timeline', async () => {
    await alice.get('/');
    const page = await alice.post('/statuses', { text: 'quietly unlisted', visibility: 'unlisted' });
    assert.equal(page.status, 303);
    assert.doesNotMatch((await visitor.get('/')).html, /quietly unlisted/);
    assert.match((await visitor.get('/@alice')).html, /quietly unlisted/);
  });
});

describe('compose', () => {
  test('posting shows the status first on `/`, on the profile and on its own page', async () => {
    const done = await compose(alice, '  Fresh post with @bob and @nobody and #news https://example.com/x  ');
    assert.equal(done.status, 303);
    assert.equal(done.location, '/');
    const home = await alice.get('/');
    assert.equal(home.doc.querySelector('.flash')!.text, 'Your post is live.');
    const [row] = await sql.rows<{ id: string; text: string }>(
      'SELECT id, text FROM statuses ORDER BY id DESC LIMIT 1',
    );
    assert.equal(row!.text, 'Fresh post with @bob and @nobody and #news https://example.com/x');
    assert.equal(statusIds(home)[0], row!.id);
    const content = card(home, row!.id)!.querySelector('.content')!;
    assert.equal(content.querySelector('a.mention:not(.hashtag)')!.getAttribute('href'), `${web.url}/@bob`);
    assert.equal(content.querySelector('a.hashtag')!.getAttribute('href'), `${web.url}/tags/news`);
    assert.equal(content.querySelector('a[target=_blank]')!.getAttribute('href'), 'https://example.com/x');
    assert.match(content.text, /@nobody/);
    assert.equal(content.querySelectorAll('a').length, 3, '@nobody stays plain text');
    assert.equal(statusIds(await visitor.get('/@alice'))[0], row!.id);
    const own = await visitor.get(`/@alice/${row!.id}`);
    assert.equal(own.status, 200);
    assert.deepEqual(statusIds(own), [row!.id]);
    assert.equal(
      await sql.count(
        'SELECT count(*) FROM mentions m JOIN accounts a ON a.id = m.account_id WHERE m.status_id = $1 AND a.username = $2',
        [row!.id, 'bob'],
      ),
      1,
    );
  });

  test('exactly 500 code points (emoji and combining marks) are accepted', async () => {
    const before = await statusCount();
    for (const text of ['😀'.repeat(500), 'e\u0301'.repeat(250), 'a'.repeat(500)]) {
      const page = await compose(alice, text);
      assert.equal(page.status, 303, composeState(page).error);
    }
    assert.equal(await statusCount(), before + 3);
  });

  const bad: { what: string; text: string; extra?: Record<string, string>; error: string }[] = [
    { what: 'an empty status', text: '', error: "Text can't be blank." },
    { what: 'a whitespace-only status', text: '  \n\t  \n', error: "Text can't be blank." },
    {
      what: '501 ASCII characters',
      text: 'a'.repeat(501),
      error: 'Text is too long (501 characters; the maximum is 500).',
    },
    {
      what: '501 emoji',
      text: '😀'.repeat(501),
      error: 'Text is too long (501 characters; the maximum is 500).',
    },
    {
      what: '250 letters with combining accents and one more mark',
      text: 'e\u0301'.repeat(250) + '\u0301',
      error: 'Text is too long (501 characters; the maximum is 500).',
    },
    {
      what: 'a NUL byte',
      text: 'null\u0000byte',
      error: 'Text contains a character that is not allowed (NUL).',
    },
    {
      what: 'a visibility that is not supported',
      text: 'limited please',
      extra: { visibility: 'limited' },
      error: 'Visibility must be one of: public, unlisted, private, direct.',
    },
    {
      what: 'a reply to a status that does not exist',
      text: 'replying to nothing',
      extra: { in_reply_to_id: '123' },
      error: 'The status you replied to does not exist.',
    },
    {
      what: 'a reply to an id out of range',
      text: 'replying to nothing',
      extra: { in_reply_to_id: '9999999999999999999' },
      error: 'The status you replied to does not exist.',
    },
  ];

  for (const { what, text, extra, error } of bad) {
    test(`refuses ${what}: 422, the error under the textarea, the text kept, nothing written`, async () => {
      const before = await statusCount();
      const page = await compose(alice, text, extra);
      assert.equal(page.status, 422);
      assert.deepEqual(composeState(page), { error, text });
      const textarea = page.doc.querySelector('form.compose textarea')!;
      assert.equal(textarea.getAttribute('aria-invalid'), 'true');
      assert.equal(textarea.getAttribute('aria-describedby'), 'compose-error');
      assert.ok(page.doc.querySelector('form.compose input[name=_csrf]')!.getAttribute('value'));
      assert.equal(await statusCount(), before);
    });
  }

  test('kept text cannot break out of the textarea', async () => {
    const text = '</textarea><script>alert(1)</script><img src=x onerror=alert(1)>' + 'x'.repeat(500);
    const page = await compose(alice, text);
    assert.equal(page.status, 422);
    assert.equal(composeState(page).text, text);
    assertNoExecutableMarkup(page);
    assert.equal(page.doc.querySelectorAll('img').filter((i) => i.getAttribute('src') === 'x').length, 0);
  });

  test('a visitor who posts is sent to log in, and nothing is written', async () => {
    const before = await statusCount();
    const anon = new SiteClient(web.url);
    await anon.get('/login');
    const page = await anon.post('/statuses', { text: 'anonymous?' });
    assert.equal(page.status, 303);
    assert.equal(page.location, '/login?return_to=%2F');
    assert.equal(await statusCount(), before);
  });

  test('without a CSRF token, or with a wrong one: the 403 page, nothing written', async () => {
    const before = await statusCount();
    for (const csrf of [null, '', 'wrong-token']) {
      await alice.get('/');
      const page = await alice.post('/statuses', { text: 'forged post' }, { csrf });
      assert.equal(page.status, 403, String(csrf));
      assert.equal(errorPageOf(page).title, 'Not allowed');
    }
    // Bob's token does not work in alice's session.
    const bobToken = (await bob.get('/')).doc.querySelector('input[name=_csrf]')!.getAttribute('value')!;
    await alice.get('/');
    assert.equal((await alice.post('/statuses', { text: 'forged post' }, { csrf: bobToken })).status, 403);
    assert.equal(await statusCount(), before);
  });

  test('a status full of HTML and JavaScript payloads is shown inert and as typed, everywhere', async () => {
    // As many payloads per status as fit in 500 characters.
    const chunks: string[] = [];
    for (const payload of XSS_PAYLOADS) {
      const last = chunks.at(-1);
      if (last !== undefined && [...`${last} ${payload}`].length <= 500)
        chunks[chunks.length - 1] = `${last} ${payload}`;
      else chunks.push(payload);
    }
    const ids: string[] = [];
    for (const chunk of chunks) ids.push(await postId(alice, 'alice', chunk));
    const pages = [await visitor.get('/'), await visitor.get('/@alice'), await alice.get('/')];
    for (const id of ids) pages.push(await visitor.get(`/@alice/${id}`), await alice.get(`/@alice/${id}`));
    for (const page of pages) {
      assert.equal(page.status, 200);
      assertNoExecutableMarkup(page);
    }
    for (const [i, id] of ids.entries()) {
      const page = await visitor.get(`/@alice/${id}`);
      assert.equal(card(page, id)!.querySelector('.content')!.textContent, chunks[i]);
      // The title holds the start of the text, escaped.
      assert.equal(
        page.doc.querySelector('title')!.text,
        `alice: "${[...chunks[i]!].slice(0, 60).join('')}" · microposts`,
      );
    }
  });
});

describe('status pages and profiles', () => {
  let id: string;
  before(async () => {
    id = await postId(alice, 'alice', 'A status with its own page');
  });

  test('`/@username/<id>` shows one status; under the wrong name it redirects to the right URL', async () => {
    const page = await visitor.get(`/@alice/${id}`);
    assert.equal(page.status, 200);
    assert.deepEqual(statusIds(page), [id]);
    assert.equal(page.doc.querySelector('h1')!.text, 'Post by @alice');
    // The name is matched ignoring case, like profiles.
    assert.equal((await visitor.get(`/@ALICE/${id}`)).status, 200);
    const wrongAuthor = await visitor.get(`/@bob/${id}`);
    assert.equal(wrongAuthor.status, 301);
    assert.equal(wrongAuthor.location, `/@alice/${id}`);
  });

  test('`/@username` shows the profile card and the posts, newest first', async () => {
    const page = await visitor.get('/@alice');
    assert.equal(page.status, 200);
    assert.equal(page.doc.querySelector('#profile-name')!.text, 'alice');
    assert.equal(page.doc.querySelector('.profile .handle')!.text, '@alice');
    assert.match(page.doc.querySelector('.profile .meta')!.text, /^Joined \w+ \d{4}$/);
    const ids = statusIds(page);
    assert.ok(ids.length > 1);
    assert.deepEqual(
      [...ids].sort((a, b) => (BigInt(b) > BigInt(a) ? 1 : -1)),
      ids,
    );
    assert.equal((await visitor.get('/@Alice')).status, 200);
  });

  test('a profile without posts says so', async () => {
    await f.account({ username: 'carol' });
    const page = await visitor.get('/@carol');
    assert.equal(page.status, 200);
    assert.equal(page.doc.querySelector('.empty')!.text, '@carol has not posted yet.');
  });

  for (const path of [
    '/@nobody',
    '/@nobody/1',
    '/@alice/123',
    '/@alice/abc',
    '/@alice/9999999999999999999',
    '/@alice/-1',
    '/@bad%20name',
    '/@a%00b',
    '/no/such/page',
  ]) {
    test(`${path} is the 404 page`, async () => {
      const page = await visitor.get(path);
      assert.equal(page.status, 404);
      assert.deepEqual(errorPageOf(page), {
        code: '404',
        title: 'Page not found',
        text: "We couldn't find what you were looking for. It may have been deleted.",
      });
      assert.equal(page.doc.querySelector('title')!.text, 'Page not found · microposts');
    });
  }

  test('malformed or out-of-range cursors are ignored, never an error', async () => {
    for (const path of [
      '/?max_id=9999999999999999999',
      '/?max_id=abc',
      '/?max_id[]=1',
      '/@alice?max_id=99999999999999999999',
    ]) {
      const page = await visitor.get(path);
      assert.equal(page.status, 200, path);
      assert.ok(statusIds(page).length > 0, path);
    }
  });

  test('a suspended author: profile and status pages are 404, and their posts leave the timeline', async () => {
    const dave = await loggedIn(web.url, await f.account({ username: 'dave' }));
    const daveId = await postId(dave, 'dave', 'soon hidden');
    assert.equal((await visitor.get(`/@dave/${daveId}`)).status, 200);
    await sql.rows("UPDATE accounts SET suspended_at = now() WHERE username = 'dave'");
    assert.equal((await visitor.get(`/@dave/${daveId}`)).status, 404);
    assert.equal((await visitor.get('/@dave')).status, 404);
    assert.doesNotMatch((await visitor.get('/')).html, /soon hidden/);
    // And the suspended account is logged out on its next request.
    assert.equal((await dave.get('/')).doc.querySelector('a.me'), null);
  });
});

describe('delete', () => {
  const exists = async (id: string) =>
    (await sql.count('SELECT count(*) FROM statuses WHERE id = $1', [id])) === 1;

  test('the author sees a Delete button on their own statuses only', async () => {
    const mine = await postId(alice, 'alice', 'mine to delete');
    const theirs = await postId(bob, 'bob', 'not yours');
    const own = await alice.get('/@alice');
    assert.ok(card(own, mine)!.querySelector(`form[action="/@alice/${mine}/delete"] input[name=_csrf]`));
    const other = await alice.get('/@bob');
    assert.ok(card(other, theirs));
    assert.equal(card(other, theirs)!.querySelector(`form[action$="/delete"]`), null);
    // On the status pages too.
    assert.ok(card(await alice.get(`/@alice/${mine}`), mine)!.querySelector('form[action$="/delete"]'));
    assert.equal(
      card(await alice.get(`/@bob/${theirs}`), theirs)!.querySelector('form[action$="/delete"]'),
      null,
    );
  });

  test('deleting your own status removes it and its mentions', async () => {
    const id = await postId(alice, 'alice', 'delete me @bob');
    assert.equal(await sql.count('SELECT count(*) FROM mentions WHERE status_id = $1', [id]), 1);
    await alice.get(`/@alice/${id}`);
    const done = await alice.post(`/@alice/${id}/delete`, {});
    assert.equal(done.status, 303);
    assert.equal(done.location, '/');
    assert.equal((await alice.get('/')).doc.querySelector('.flash')!.text, 'Your post was deleted.');
    assert.equal(await exists(id), false);
    assert.equal(await sql.count('SELECT count(*) FROM mentions WHERE status_id = $1', [id]), 0);
    assert.equal((await visitor.get(`/@alice/${id}`)).status, 404);
    assert.equal(card(await visitor.get('/'), id), null);
  });

  test("deleting someone else's status is refused with the 403 page, and nothing is deleted", async () => {
    const id = await postId(bob, 'bob', 'bob keeps this');
    await alice.get('/');
    for (const path of [`/@bob/${id}/delete`, `/@alice/${id}/delete`]) {
      const page = await alice.post(path, {});
      assert.equal(page.status, 403, path);
      assert.deepEqual(errorPageOf(page), {
        code: '403',
        title: 'Not allowed',
        text: 'You can only delete your own statuses.',
      });
    }
    assert.equal(await exists(id), true);
    // The author can.
    await bob.get('/');
    assert.equal((await bob.post(`/@bob/${id}/delete`, {})).status, 303);
    assert.equal(await exists(id), false);
  });

  test('without a CSRF token, or with a wrong one: 403, nothing deleted', async () => {
    const id = await postId(alice, 'alice', 'csrf protects me');
    await alice.get('/');
    assert.equal((await alice.post(`/@alice/${id}/delete`, {}, { csrf: null })).status, 403);
    assert.equal((await alice.post(`/@alice/${id}/delete`, {}, { csrf: 'forged' })).status, 403);
    assert.equal(await exists(id), true);
  });

  test('a visitor is sent to log in, nothing deleted', async () => {
    const id = await postId(alice, 'alice', 'visitors cannot delete');
    const anon = new SiteClient(web.url);
    await anon.get('/login');
    const page = await anon.post(`/@alice/${id}/delete`, {});
    assert.equal(page.status, 303);
    assert.match(page.location!, /^\/login\?return_to=/);
    assert.equal(await exists(id), true);
  });

  test('deleting a status that does not exist is the 404 page', async () => {
    await alice.get('/');
    for (const id of ['1', 'abc', '9999999999999999999']) {
      const page = await alice.post(`/@alice/${id}/delete`, {});
      assert.equal(page.status, 404, id);
      assert.equal(errorPageOf(page).title, 'Page not found');
    }
  });
});
