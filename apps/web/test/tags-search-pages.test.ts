// End-to-end over HTTP: hashtag pages and the search page.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { testDatabase } from '../../../test/support/database.ts';
import { startWeb } from '../../../test/support/processes.ts';
import { fixtures, loggedIn } from '../../../test/support/fixtures.ts';
import { SiteClient } from '../../../test/support/site-client.ts';

const databaseUrl = await testDatabase();
const web = await startWeb(databaseUrl);
const f = fixtures(databaseUrl);
const alice = await loggedIn(web.url, await f.account({ username: 'alice' }));
const anon = new SiteClient(web.url);

async function post(client: SiteClient, text: string, visibility = 'public') {
  await client.get('/');
  const page = await client.post('/statuses', { text, visibility });
  assert.equal(page.status, 303, page.doc.querySelector('.error')?.text);
}

const texts = (page: { doc: { querySelectorAll(s: string): { text: string }[] } }) =>
  page.doc.querySelectorAll('.status .content').map((e) => e.text.trim());

describe('/tags/<tag>', () => {
  test('links in statuses lead to the case-insensitive tag page; unlisted posts stay off it', async () => {
    await post(alice, 'First #Gardening post');
    await post(alice, 'quiet #gardening', 'unlisted');
    await post(alice, 'Second #GARDENING post');
    const home = await anon.get('/');
    const href = home.doc.querySelector('a.hashtag')?.getAttribute('href');
    assert.equal(href, `${web.url}/tags/gardening`);
    for (const path of ['/tags/gardening', '/tags/GardeNing', '/tags/%23gardening', '/tags/gardening/']) {
      const page = await anon.get(path);
      assert.equal(page.status, 200, path);
      assert.equal(page.doc.querySelector('h1')?.text, '#gardening');
      assert.deepEqual(texts(page), ['Second #GARDENING post', 'First #Gardening post'], path);
    }
  });

  test('paginates with an "older" link that keeps its place', async () => {
    for (let i = 1; i <= 22; i++) await post(alice, `many ${i} #pagedtag`);
    const first = await anon.get('/tags/pagedtag');
    assert.equal(texts(first).length, 20);
    assert.equal(texts(first)[0], 'many 22 #pagedtag');
    const older = first.doc.querySelector('a[rel=next]')?.getAttribute('href');
    assert.match(older ?? '', /^\/tags\/pagedtag\?max_id=\d+$/);
    await post(alice, 'many 23 #pagedtag');
    const second = await anon.get(older!);
    assert.deepEqual(texts(second), ['many 2 #pagedtag', 'many 1 #pagedtag']);
    assert.equal(second.doc.querySelector('a[rel=next]'), null);
  });

  test('a valid tag with no posts says so', async () => {
    const page = await anon.get('/tags/unusedtag');
    assert.equal(page.status, 200);
    assert.equal(page.doc.querySelector('.empty')?.text, 'Nobody has posted with #unusedtag yet.');
  });

  test('bad tags get a clear 404 page, never a 500', async () => {
    const bad = 'Hashtags are made of letters, digits and underscores, with at least one letter.';
    const cases: [string, string][] = [
      ['/tags/', 'Enter a hashtag.'],
      ['/tags', 'Enter a hashtag.'],
      [`/tags/${'x'.repeat(501)}`, 'Hashtags are at most 100 characters long.'],
      [`/tags/${encodeURIComponent("x' OR '1'='1")}`, bad],
      [`/tags/${encodeURIComponent('<script>alert(1)</script>')}`, bad],
      [`/tags/${encodeURIComponent('a%_\\')}`, bad],
      ['/tags/12345', bad],
      [`/tags/${'y'.repeat(5000)}`, 'Hashtags are at most 100 characters long.'],
      ['/tags/a/b', bad],
    ];
    for (const [path, message] of cases) {
      const page = await anon.get(path);
      assert.equal(page.status, 404, path);
      assert.equal(page.doc.querySelector('.error-page p:not(.code)')?.text, message, path);
      assert.doesNotMatch(page.html, /<script>alert/);
    }
  });
});

describe('/search', () => {
  test('without a query: the search form, labelled, no error', async () => {
    const page = await anon.get('/search');
    assert.equal(page.status, 200);
    const form = page.doc.querySelector('form[role=search]');
    assert.equal(form?.getAttribute('method'), 'get');
    assert.equal(form?.getAttribute('action'), '/search');
    assert.ok(page.doc.querySelector('label[for=search-q]'));
    assert.equal(page.doc.querySelector('.error'), null);
    assert.equal(page.doc.querySelector('nav a[aria-current=page]')?.text, 'Search');
  });

  test('finds people, hashtags and posts', async () => {
    const bob = await loggedIn(web.url, await f.account({ username: 'bobcat' }));
    await post(bob, 'Bobcats love #bobsleigh races');
    const page = await anon.get('/search?q=bob');
    assert.equal(page.status, 200);
    assert.deepEqual(
      page.doc.querySelectorAll('#results-accounts ~ ul .handle, .result-list .handle').map((e) => e.text),
      ['@bobcat'],
    );
    assert.deepEqual(
      page.doc.querySelectorAll('.result-list.tags a').map((e) => e.getAttribute('href')),
      ['/tags/bobsleigh'],
    );
    const posts = await anon.get('/search?q=bobcat+races&type=statuses');
    assert.deepEqual(texts(posts), ['Bobcats love #bobsleigh races']);
    assert.equal(posts.doc.querySelector('#search-q')?.getAttribute('value'), 'bobcat races');
    assert.equal(posts.doc.querySelector('#search-type option[selected]')?.getAttribute('value'), 'statuses');
  });

  test('posts paginate with a "more" link', async () => {
    for (let i = 1; i <= 21; i++) await post(alice, `ocelot sighting ${i}`);
    const first = await anon.get('/search?q=ocelot&type=statuses');
    assert.equal(texts(first).length, 20);
    const more = first.doc.querySelector('a[rel=next]')?.getAttribute('href');
    assert.equal(more, '/search?q=ocelot&type=statuses&offset=20');
    const second = await anon.get(more!);
    assert.deepEqual(texts(second), ['ocelot sighting 1']);
    assert.equal(second.doc.querySelector('a[rel=next]'), null);
  });

  test('nothing found says so, and metacharacters are only text', async () => {
    for (const q of ["'; DROP TABLE statuses; --", '<script>alert(1)</script>', '%_\\', '!!&&||():*']) {
      const page = await anon.get(`/search?q=${encodeURIComponent(q)}`);
      assert.equal(page.status, 200, q);
      assert.equal(page.doc.querySelector('.empty')?.text, `Nothing found for “${q}”.`);
      assert.doesNotMatch(page.html, /<script>alert/);
    }
    // The statuses table is still there.
    assert.ok(texts(await anon.get('/search?q=ocelot')).length > 0);
  });

  test('empty, enormous and ill-typed queries: the message next to the field, values kept', async () => {
    const cases: [string, string, string][] = [
      ['/search?q=', 'Enter something to search for.', ''],
      ['/search?q=+++', 'Enter something to search for.', '   '],
      [
        `/search?q=${'a'.repeat(501)}`,
        'Search is too long (501 characters; the maximum is 500).',
        'a'.repeat(501),
      ],
      ['/search?q=ok&type=people', 'Type must be one of: accounts, statuses, hashtags.', 'ok'],
    ];
    for (const [path, message, value] of cases) {
      const page = await anon.get(path);
      assert.equal(page.status, 422, path);
      assert.equal(page.doc.querySelector('#search-error')?.text, message);
      assert.equal(page.doc.querySelector('#search-q')?.getAttribute('aria-invalid'), 'true');
      assert.equal(page.doc.querySelector('#search-q')?.getAttribute('value'), value);
    }
  });

  test('control characters and broken encodings never reach PostgreSQL as errors', async () => {
    const blank = await anon.get('/search?q=%01%02');
    assert.equal(blank.status, 422);
    assert.equal(blank.doc.querySelector('#search-error')?.text, 'Enter something to search for.');
    // NUL, which no text column can hold, is refused for every input (issue 10): the 400 page.
    for (const q of ['%00%01', 'ocelot%00']) {
      const page = await anon.get(`/search?q=${q}`);
      assert.equal(page.status, 400, q);
      assert.equal(page.doc.querySelector('.error-page p:not(.code)')?.text, 'The address is not valid.');
    }
    for (const q of ['%ED%A0%80', '%F0%9F%98%80', 'a%C0%AF']) {
      const page = await anon.get(`/search?q=${q}`);
      assert.equal(page.status, 200, q);
    }
    assert.equal((await anon.get('/tags/a%00b')).status, 404);
    // A path that is not valid UTF-8 is refused by the router itself, still as a page.
    const broken = await anon.get('/tags/%ED%A0%80');
    assert.equal(broken.status, 400);
    assert.equal(broken.doc.querySelector('.error-page p:not(.code)')?.text, 'The address is not valid.');
  });

  test('unlisted posts are found by their author only', async () => {
    await post(alice, 'secret capybara meeting', 'unlisted');
    assert.deepEqual(texts(await alice.get('/search?q=capybara')), ['secret capybara meeting']);
    assert.deepEqual(texts(await anon.get('/search?q=capybara')), []);
  });
});
