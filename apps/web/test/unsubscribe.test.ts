// One-click unsubscribe from mention e-mails (RFC 8058): signed links work without logging in and
// without a CSRF token; tampered links, and links of another account, are refused.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { unsubscribeUrl } from '../../../packages/core/src/mail/links.ts';
import { testDatabase } from '../../../test/support/database.ts';
import { startWeb } from '../../../test/support/processes.ts';
import { TEST_SECRET_KEY } from '../../../test/support/secret.ts';
import { fixtures } from '../../../test/support/fixtures.ts';
import { SiteClient } from '../../../test/support/site-client.ts';
import { sqlClient } from '../../../test/support/sql.ts';

const url = await testDatabase();
const sql = sqlClient(url);
const web = await startWeb(url);
const f = fixtures(url);
const [a, b] = [await f.account({ username: 'anna' }), await f.account({ username: 'ben' })];
const linkOf = (id: string) => unsubscribeUrl(web.url, TEST_SECRET_KEY, id).slice(web.url.length);
const mentionEmails = async (id: string) =>
  (await sql.rows<{ on: boolean }>(`SELECT mention_emails AS on FROM accounts WHERE id = $1`, [id]))[0]!.on;
const reset = () => sql.rows(`UPDATE accounts SET mention_emails = true`);
const INVALID = 'This unsubscribe link is not valid.';

describe('unsubscribe links', () => {
  test('the page shows a button that works logged out; pressing it turns mention e-mails off', async () => {
    await reset();
    const site = new SiteClient(web.url);
    const page = await site.get(linkOf(a!.id));
    assert.equal(page.status, 200);
    assert.match(page.doc.querySelector('h1')!.text, /Stop mention e-mails\?/);
    assert.equal(await mentionEmails(a!.id), true, 'opening the page changes nothing');
    const form = page.doc.querySelector('form[action="/unsubscribe"]')!;
    const fields = Object.fromEntries(
      form
        .querySelectorAll('input[type=hidden]')
        .map((i) => [i.getAttribute('name')!, i.getAttribute('value')!]),
    );
    const done = await site.post('/unsubscribe', fields, { csrf: null });
    assert.equal(done.status, 200);
    assert.match(done.doc.querySelector('h1')!.text, /Mention e-mails are off/);
    assert.equal(await mentionEmails(a!.id), false);
    assert.equal(await mentionEmails(b!.id), true);
  });

  test('RFC 8058 one-click POST (form-encoded or multipart), without cookies or CSRF token', async () => {
    for (const body of [
      new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }),
      (() => {
        const f = new FormData();
        f.set('List-Unsubscribe', 'One-Click');
        return f;
      })(),
    ]) {
      await reset();
      const response = await fetch(`${web.url}${linkOf(b!.id)}`, { method: 'POST', body });
      assert.equal(response.status, 200);
      assert.equal(await mentionEmails(b!.id), false);
      assert.equal(await mentionEmails(a!.id), true);
    }
  });

  test('a tampered link, or one signed for another account, is refused and changes nothing', async () => {
    await reset();
    const good = new URL(linkOf(a!.id), web.url);
    const sig = good.searchParams.get('sig')!;
    const flipped = `${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`;
    const cases = [
      `/unsubscribe?account=${b!.id}&sig=${sig}`, // a's signature, b's account
      `/unsubscribe?account=${a!.id}&sig=${flipped}`,
      `/unsubscribe?account=${a!.id}&sig=`,
      `/unsubscribe?account=${a!.id}`,
      `/unsubscribe?account=abc&sig=${sig}`,
      `/unsubscribe`,
    ];
    for (const path of cases) {
      const page = await new SiteClient(web.url).get(path);
      assert.equal(page.status, 403, path);
      assert.equal(page.doc.querySelector('.error')!.text.trim(), INVALID);
      const post = await fetch(`${web.url}${path}`, {
        method: 'POST',
        body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }),
      });
      assert.equal(post.status, 403, path);
    }
    assert.equal(await mentionEmails(a!.id), true);
    assert.equal(await mentionEmails(b!.id), true);
  });

  test('other site forms still need their CSRF token', async () => {
    const site = new SiteClient(web.url);
    await site.get('/login');
    const page = await site.post('/password/forgot', { email: 'anna@example.com' }, { csrf: null });
    assert.equal(page.status, 403);
  });
});
