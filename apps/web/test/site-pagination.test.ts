// End to end over HTTP: the "Older posts" link of the public timeline and of profiles keeps its place while
// new statuses arrive (cursor pagination), and the posting rate limit.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { testDatabase } from '../../../test/support/database.ts';
import { errorPageOf, statusIds } from '../../../test/support/page-checks.ts';
import { startWeb } from '../../../test/support/processes.ts';
import { fixtures, loggedIn } from '../../../test/support/fixtures.ts';
import { SiteClient, type Page } from '../../../test/support/site-client.ts';
import { sqlClient } from '../../../test/support/sql.ts';

const databaseUrl = await testDatabase();
const web = await startWeb(databaseUrl, { RATE_LIMIT_AUTH: '1000' });
const sql = sqlClient(databaseUrl);
const f = fixtures(databaseUrl);
const writer = await f.account({ username: 'writer' });
const visitor = new SiteClient(web.url);
const PAGE = 20;

/** A new status of the writer's; returns its id. */
const post = async (text: string): Promise<string> => (await f.status(writer, text)).id;

function olderHref(page: Page): string | null {
  const link = page.doc.querySelector('nav.pager a[rel=next]');
  if (!link) return null;
  assert.equal(link.text.trim(), 'Older posts');
  return link.getAttribute('href') ?? null;
}

let ids: string[] = []; // oldest first
before(async () => {
  for (let i = 0; i < PAGE + 5; i++) ids.push(await post(`numbered post ${i}`));
});

for (const [what, path] of [
  ['the public timeline', '/'],
  ['a profile', '/@writer'],
] as const) {
  describe(`${what}: "Older posts"`, () => {
    test('the first page holds the newest 20 and links to what comes after its last one', async () => {
      const first = await visitor.get(path);
      assert.deepEqual(statusIds(first), ids.slice(-PAGE).reverse());
      assert.equal(olderHref(first), `${path}?max_id=${ids.at(-PAGE)}`);
    });

    test('the link still leads to the next older ones after new statuses arrive, with no repeat and no gap', async () => {
      const first = await visitor.get(path);
      const shown = statusIds(first);
      const href = olderHref(first)!;
      const arrived = [
        await post(`arrived ${path} 1`),
        await post(`arrived ${path} 2`),
        await post(`arrived ${path} 3`),
      ];
      const second = await visitor.get(href);
      assert.equal(second.status, 200);
      const more = statusIds(second);
      assert.deepEqual(more, ids.slice(0, ids.length - PAGE).reverse());
      assert.ok(!more.some((id) => shown.includes(id)));
      assert.ok(!more.some((id) => arrived.includes(id)));
      // The last page is not full: no link beyond it.
      assert.equal(olderHref(second), null);
      // The first page now starts with the new arrivals.
      assert.deepEqual(statusIds(await visitor.get(path)).slice(0, 3), [...arrived].reverse());
      ids = ids.concat(arrived);
    });

    test('walking every page back gives every status exactly once, newest first', async () => {
      const seen: string[] = [];
      let href: string | null = path;
      for (let guard = 0; href && guard < 10; guard++) {
        const page = await visitor.get(href);
        seen.push(...statusIds(page));
        href = olderHref(page);
      }
      assert.deepEqual(seen, [...ids].reverse());
    });

    test('a cursor past the oldest status shows the empty message', async () => {
      const page = await visitor.get(`${path}?max_id=${ids[0]}`);
      assert.equal(page.status, 200);
      assert.deepEqual(statusIds(page), []);
      assert.ok(page.doc.querySelector('.empty'));
      assert.equal(olderHref(page), null);
    });
  });
}

describe('the posting rate limit (RATE_LIMIT_POSTS)', () => {
  test('past the limit: the 429 page, nothing written', async () => {
    const limited = await startWeb(databaseUrl, { RATE_LIMIT_POSTS: '2' });
    const client = await loggedIn(limited.url, await f.account({ username: 'hasty' }));
    for (let i = 0; i < 2; i++) {
      await client.get('/@hasty');
      assert.equal((await client.post('/statuses', { text: `hasty ${i}` })).status, 303);
    }
    const before = await sql.count('SELECT count(*) FROM statuses');
    await client.get('/@hasty');
    const page = await client.post('/statuses', { text: 'one too many' });
    assert.equal(page.status, 429);
    assert.equal(errorPageOf(page).title, 'Slow down');
    assert.equal(await sql.count('SELECT count(*) FROM statuses'), before);
    // The limit is per account: someone else may still post.
    const other = await loggedIn(limited.url, await f.account({ username: 'patient' }));
    await other.get('/@patient');
    assert.equal((await other.post('/statuses', { text: 'my first' })).status, 303);
  });
});
