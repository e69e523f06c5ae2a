import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testDatabase } from '../../../test/support/database.ts';
import { startWeb } from '../../../test/support/processes.ts';
import { SiteClient } from '../../../test/support/site-client.ts';

const web = await startWeb(await testDatabase());

test('sign up, post, see it on the public timeline', async () => {
  const alice = new SiteClient(web.url);
  await alice.signup('alice');
  const home = await alice.get('/');
  assert.equal(home.status, 200);
  const posted = await alice.post('/statuses', { text: 'Hello <b>world</b> #first' });
  assert.equal(posted.status, 303);
  const anon = new SiteClient(web.url);
  const page = await anon.get('/');
  assert.match(page.html, /Hello &lt;b&gt;world&lt;\/b&gt;/);
});
