// The read cache across processes: two web processes on one database, each with its own cache kept
// by LISTEN/NOTIFY. A change made through one (or by the operator's CLI, or by hand in SQL) is what
// the other serves from then on, and what one viewer sees of a status is never served to another.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiFetch } from '../../../test/support/api-fetch.ts';
import { testApp } from '../../../test/support/app.ts';
import { cliEnv, runCli } from '../../../test/support/cli.ts';
import { createTestToken } from '../../../test/support/oauth.ts';
import { startWeb } from '../../../test/support/processes.ts';
import { SiteClient } from '../../../test/support/site-client.ts';
import { sqlClient } from '../../../test/support/sql.ts';

const app = await testApp();
const sql = sqlClient(app.databaseUrl);
// (startWeb stops them when the file ends.)
const [one, two] = await Promise.all([startWeb(app.databaseUrl), startWeb(app.databaseUrl)]);

const register = (username: string) =>
  app.services.accounts.register({
    username,
    email: `${username}@example.com`,
    password: 'correct horse battery',
  });
const [alice, bob, carol] = await Promise.all([register('alice'), register('bob'), register('carol')]);
const tokens = {
  alice: (await createTestToken(app, { accountId: alice.id })).token,
  bob: (await createTestToken(app, { accountId: bob.id })).token,
  carol: (await createTestToken(app, { accountId: carol.id })).token,
};
type StatusJson = { id: string; content: string; favourited?: boolean; favourites_count: number };
const publicTimeline = async (base: string, token?: string) =>
  (await apiFetch(base, 'GET', '/api/v1/timelines/public', token ? { token } : {})).body as StatusJson[];
const post = async (base: string, token: string, status: string) =>
  (await apiFetch(base, 'POST', '/api/v1/statuses', { token, json: { status } })).body as StatusJson;
/** Asks `times` times in a row, so a stale entry anywhere would be caught. */
async function everyTime<T>(times: number, ask: () => Promise<T>, check: (value: T) => void) {
  for (let i = 0; i < times; i++) check(await ask());
}

test('a status deleted through one process is never served by the other afterwards', async () => {
  const s = await post(one.url, tokens.alice, 'here for a moment');
  // Both processes have it cached: the newest page, the card, the status page.
  for (const web of [one, two]) {
    assert.ok((await publicTimeline(web.url)).some((x) => x.id === s.id));
    assert.equal((await apiFetch(web.url, 'GET', `/api/v1/statuses/${s.id}`)).status, 200);
    assert.match((await new SiteClient(web.url).get('/public')).html, /here for a moment/);
  }
  const deleted = await apiFetch(one.url, 'DELETE', `/api/v1/statuses/${s.id}`, { token: tokens.alice });
  assert.equal(deleted.status, 200);
  await everyTime(
    20,
    () => publicTimeline(two.url),
    (list) => assert.ok(!list.some((x) => x.id === s.id)),
  );
  await everyTime(
    20,
    () => apiFetch(two.url, 'GET', `/api/v1/statuses/${s.id}`),
    (r) => assert.equal(r.status, 404),
  );
  await everyTime(
    10,
    () => new SiteClient(two.url).get('/public'),
    (page) => assert.doesNotMatch(page.html, /here for a moment/),
  );
  assert.equal((await new SiteClient(two.url).get(`/@alice/${s.id}`)).status, 404);
});

test('an edit through one process is what the other shows at once', async () => {
  const s = await post(two.url, tokens.alice, 'first words');
  assert.match((await apiFetch(one.url, 'GET', `/api/v1/statuses/${s.id}`)).text, /first words/);
  const edited = await apiFetch(two.url, 'PUT', `/api/v1/statuses/${s.id}`, {
    token: tokens.alice,
    json: { status: 'second words' },
  });
  assert.equal(edited.status, 200);
  await everyTime(
    10,
    () => apiFetch(one.url, 'GET', `/api/v1/statuses/${s.id}`),
    (r) => {
      assert.match(r.text, /second words/);
      assert.doesNotMatch(r.text, /first words/);
    },
  );
});

test("a favourite moves the count everywhere; the favourited flag is only ever the viewer's own", async () => {
  const s = await post(one.url, tokens.alice, 'like me');
  // Warm both caches with everyone's view first.
  for (const web of [one, two])
    for (const t of [undefined, tokens.bob, tokens.carol]) await publicTimeline(web.url, t);
  const fav = await apiFetch(one.url, 'POST', `/api/v1/statuses/${s.id}/favourite`, { token: tokens.bob });
  assert.equal(fav.status, 200);
  for (const web of [one, two]) {
    const asBob = (await publicTimeline(web.url, tokens.bob)).find((x) => x.id === s.id)!;
    const asCarol = (await publicTimeline(web.url, tokens.carol)).find((x) => x.id === s.id)!;
    const anonymous = (await publicTimeline(web.url)).find((x) => x.id === s.id)!;
    assert.equal(asBob.favourited, true, `bob's own favourite on ${web.url}`);
    assert.equal(asCarol.favourited, false, `carol does not see bob's favourite as hers on ${web.url}`);
    assert.equal('favourited' in anonymous, false, 'no viewer flags without a viewer');
    for (const x of [asBob, asCarol, anonymous]) assert.equal(x.favourites_count, 1);
    // The status entity, alone, likewise.
    const single = (await apiFetch(web.url, 'GET', `/api/v1/statuses/${s.id}`, { token: tokens.carol }))
      .body as StatusJson;
    assert.equal(single.favourited, false);
  }
  // The same on the website: bob's page has the "unfavourite" button, carol's the "favourite" one.
  const bobSite = new SiteClient(two.url);
  await bobSite.login('bob');
  const carolSite = new SiteClient(two.url);
  await carolSite.login('carol');
  const button = async (client: SiteClient) =>
    (await client.get(`/@alice/${s.id}`)).doc
      .querySelector(`form[action$="/${s.id}/favourite"], form[action$="/${s.id}/unfavourite"]`)!
      .getAttribute('action')!;
  assert.match(await button(bobSite), /\/unfavourite$/);
  assert.match(await button(carolSite), /\/favourite$/);
});

test('a suspension by the operator (another process) hides the account on both web processes', async () => {
  const dave = await register('dave');
  const daveToken = (await createTestToken(app, { accountId: dave.id })).token;
  const s = await post(two.url, daveToken, 'dave was here');
  for (const web of [one, two]) assert.ok((await publicTimeline(web.url)).some((x) => x.id === s.id));
  const result = await runCli(cliEnv(app.databaseUrl), 'accounts', 'suspend', 'dave');
  assert.equal(result.code, 0, result.stderr);
  for (const web of [one, two]) {
    await everyTime(
      5,
      () => publicTimeline(web.url),
      (list) => assert.ok(!list.some((x) => x.id === s.id)),
    );
    assert.equal((await apiFetch(web.url, 'GET', `/api/v1/statuses/${s.id}`)).status, 404);
    assert.equal((await new SiteClient(web.url).get('/@dave')).status, 404);
    // Its token was revoked with the suspension.
    assert.equal(
      (await apiFetch(web.url, 'GET', '/api/v1/accounts/verify_credentials', { token: daveToken })).status,
      401,
    );
  }
});

test('a change made by hand in SQL reaches the cache too (the triggers announce it, not the code)', async () => {
  const s = await post(one.url, tokens.alice, 'before the operator');
  await publicTimeline(two.url);
  await sql.rows(`UPDATE statuses SET html = '<p>fixed by the operator</p>' WHERE id = ${s.id}`);
  await everyTime(
    5,
    () => apiFetch(two.url, 'GET', `/api/v1/statuses/${s.id}`),
    (r) => assert.match(r.text, /fixed by the operator/),
  );
});

test('logging out on one process ends the session on the other; a revoked token stops working on both', async () => {
  const site = new SiteClient(one.url);
  await site.login('carol');
  const cookie = site.cookieHeader();
  const viaTwo = () => fetch(`${two.url}/settings`, { headers: { cookie }, redirect: 'manual' });
  assert.equal((await viaTwo()).status, 200, 'the session works on the other process');
  await site.get('/');
  assert.equal((await site.post('/logout', {})).status, 303);
  await everyTime(5, viaTwo, (r) => assert.equal(r.status, 303, 'sent to log in'));

  const t = await createTestToken(app, { accountId: carol.id, appName: 'Short-lived' });
  for (const web of [one, two])
    assert.equal(
      (await apiFetch(web.url, 'GET', '/api/v1/accounts/verify_credentials', { token: t.token })).status,
      200,
    );
  const revoked = await apiFetch(one.url, 'POST', '/oauth/revoke', {
    json: { client_id: t.clientId, client_secret: t.clientSecret, token: t.token },
  });
  assert.equal(revoked.status, 200);
  for (const web of [one, two])
    await everyTime(
      5,
      () => apiFetch(web.url, 'GET', '/api/v1/accounts/verify_credentials', { token: t.token }),
      (r) => assert.equal(r.status, 401),
    );
});

test('profiles and hashtag pages follow new, edited and deleted statuses on every process', async () => {
  const profileIds = async (web: { url: string }) =>
    [...(await new SiteClient(web.url).get('/@alice')).doc.querySelectorAll('article.status')].map((a) =>
      a.getAttribute('id'),
    );
  const tagIds = async (web: { url: string }) =>
    [...(await new SiteClient(web.url).get('/tags/fresh')).doc.querySelectorAll('article.status')].map((a) =>
      a.getAttribute('id'),
    );
  for (const web of [one, two]) await Promise.all([profileIds(web), tagIds(web)]); // warm
  const s = await post(one.url, tokens.alice, 'something #fresh');
  for (const web of [one, two]) {
    assert.equal((await profileIds(web))[0], `s-${s.id}`, 'newest on the profile');
    assert.deepEqual(await tagIds(web), [`s-${s.id}`], 'on the new hashtag page');
  }
  await apiFetch(two.url, 'PUT', `/api/v1/statuses/${s.id}`, {
    token: tokens.alice,
    json: { status: 'no tag now' },
  });
  for (const web of [one, two])
    assert.deepEqual(await tagIds(web), [], 'an edit that drops the tag drops it here');
  await apiFetch(one.url, 'DELETE', `/api/v1/statuses/${s.id}`, { token: tokens.alice });
  for (const web of [one, two]) assert.ok(!(await profileIds(web)).includes(`s-${s.id}`));
});

test('notifications: a new one shows at once on the other process, and each person sees only their own', async () => {
  type N = { id: string; type: string; account: { username: string }; status: { id: string } | null };
  const list = async (web: { url: string }, token: string) =>
    (await apiFetch(web.url, 'GET', '/api/v1/notifications', { token })).body as N[];
  const unread = async (web: { url: string }, token: string) =>
    (
      (await apiFetch(web.url, 'GET', '/api/v1/notifications/unread_count', { token })).body as {
        count: number;
      }
    ).count;
  for (const web of [one, two])
    await Promise.all([list(web, tokens.alice), list(web, tokens.carol), unread(web, tokens.alice)]);
  const s = await post(one.url, tokens.alice, 'notice me');
  await apiFetch(two.url, 'POST', `/api/v1/statuses/${s.id}/favourite`, { token: tokens.carol });
  for (const web of [one, two]) {
    const mine = await list(web, tokens.alice);
    assert.equal(mine[0]!.type, 'favourite');
    assert.equal(mine[0]!.account.username, 'carol');
    assert.equal(mine[0]!.status!.id, s.id);
    assert.ok(!(await list(web, tokens.carol)).some((n) => n.status?.id === s.id), "not in carol's own list");
  }
  const before = await unread(one, tokens.alice);
  assert.ok(before > 0);
  const marked = await apiFetch(two.url, 'POST', '/api/v1/notifications/clear', { token: tokens.alice });
  assert.equal(marked.status, 200);
  for (const web of [one, two]) {
    assert.equal(await unread(web, tokens.alice), 0);
    assert.deepEqual(await list(web, tokens.alice), []);
  }
});
