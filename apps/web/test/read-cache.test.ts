// The read cache across processes: two web processes on one database, each with its own cache kept
// by LISTEN/NOTIFY. The process that made a change serves it at once (it waits for its own
// notification before it answers); the other serves it as soon as PostgreSQL has delivered the
// notification there — `settled` waits for that, then asks again and again: once the change is
// seen, the old state never comes back. What one viewer sees of a status is never served to another.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiFetch } from '../../../test/support/api-fetch.ts';
import { testApp } from '../../../test/support/app.ts';
import { cliEnv, runCli } from '../../../test/support/cli.ts';
import { createTestToken } from '../../../test/support/oauth.ts';
import { startWeb } from '../../../test/support/processes.ts';
import { SiteClient } from '../../../test/support/site-client.ts';
import { sqlClient } from '../../../test/support/sql.ts';
import { waitFor } from '../../../test/support/wait.ts';

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
type StatusJson = {
  id: string;
  content: string;
  favourited?: boolean;
  bookmarked?: boolean;
  reblogged?: boolean;
  reblogs_count: number;
  reblog: StatusJson | null;
  favourites_count: number;
  spoiler_text: string;
};
const publicTimeline = async (base: string, token?: string) =>
  (await apiFetch(base, 'GET', '/api/v1/timelines/public', token ? { token } : {})).body as StatusJson[];
const post = async (base: string, token: string, status: string) =>
  (await apiFetch(base, 'POST', '/api/v1/statuses', { token, json: { status } })).body as StatusJson;
/** Waits until `check` passes on what `ask` answers, then asks `times` more: it must keep passing. */
async function settled<T>(ask: () => Promise<T>, check: (value: T) => void, times = 10) {
  await waitFor(async () => {
    check(await ask());
    return true;
  }, 'the change to be served');
  for (let i = 0; i < times; i++) check(await ask());
}
type Web = { url: string };
/** Runs `check` on the writing process at once (read-your-writes), then settles it on the other. */
async function atOnceHereSoonThere<T>(
  here: Web,
  there: Web,
  ask: (web: Web) => Promise<T>,
  check: (value: T) => void,
) {
  check(await ask(here));
  await settled(() => ask(there), check);
}

test('a status deleted through one process is never served by the other afterwards', async () => {
  const s = await post(one.url, tokens.alice, 'here for a moment');
  // Both processes have it cached: the newest page, the card, the status page.
  for (const web of [one, two]) {
    await settled(
      () => publicTimeline(web.url),
      (list) => assert.ok(list.some((x) => x.id === s.id)),
    );
    assert.equal((await apiFetch(web.url, 'GET', `/api/v1/statuses/${s.id}`)).status, 200);
    assert.match((await new SiteClient(web.url).get('/public')).html, /here for a moment/);
  }
  const deleted = await apiFetch(one.url, 'DELETE', `/api/v1/statuses/${s.id}`, { token: tokens.alice });
  assert.equal(deleted.status, 200);
  assert.equal(
    (await apiFetch(one.url, 'GET', `/api/v1/statuses/${s.id}`)).status,
    404,
    'at once where deleted',
  );
  await settled(
    () => publicTimeline(two.url),
    (list) => assert.ok(!list.some((x) => x.id === s.id)),
  );
  await settled(
    () => apiFetch(two.url, 'GET', `/api/v1/statuses/${s.id}`),
    (r) => assert.equal(r.status, 404),
  );
  await settled(
    () => new SiteClient(two.url).get('/public'),
    (page) => assert.doesNotMatch(page.html, /here for a moment/),
  );
  await settled(
    () => new SiteClient(two.url).get(`/@alice/${s.id}`),
    (page) => assert.equal(page.status, 404),
  );
});

test('an edit through one process is what the other shows as soon as it hears of it', async () => {
  const s = await post(two.url, tokens.alice, 'first words');
  await settled(
    () => apiFetch(one.url, 'GET', `/api/v1/statuses/${s.id}`),
    (r) => assert.match(r.text, /first words/),
  );
  const edited = await apiFetch(two.url, 'PUT', `/api/v1/statuses/${s.id}`, {
    token: tokens.alice,
    json: { status: 'second words' },
  });
  assert.equal(edited.status, 200);
  await settled(
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
  for (const web of [one, two])
    await settled(
      async () => ({
        asBob: (await publicTimeline(web.url, tokens.bob)).find((x) => x.id === s.id)!,
        asCarol: (await publicTimeline(web.url, tokens.carol)).find((x) => x.id === s.id)!,
        anonymous: (await publicTimeline(web.url)).find((x) => x.id === s.id)!,
        // The status entity, alone, likewise.
        single: (await apiFetch(web.url, 'GET', `/api/v1/statuses/${s.id}`, { token: tokens.carol }))
          .body as StatusJson,
      }),
      ({ asBob, asCarol, anonymous, single }) => {
        assert.equal(asBob.favourited, true, `bob's own favourite on ${web.url}`);
        assert.equal(asCarol.favourited, false, `carol does not see bob's favourite as hers on ${web.url}`);
        assert.equal('favourited' in anonymous, false, 'no viewer flags without a viewer');
        for (const x of [asBob, asCarol, anonymous]) assert.equal(x.favourites_count, 1);
        assert.equal(single.favourited, false);
      },
    );
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

test("a bookmark is only ever the bookmarker's own, on both processes, however warm the caches", async () => {
  const s = await post(one.url, tokens.alice, 'bookmark me');
  for (const web of [one, two])
    for (const t of [undefined, tokens.bob, tokens.carol]) await publicTimeline(web.url, t);
  const marked = await apiFetch(one.url, 'POST', `/api/v1/statuses/${s.id}/bookmark`, { token: tokens.bob });
  assert.equal((marked.body as StatusJson).bookmarked, true);
  const views = async (web: Web) => ({
    asBob: (await publicTimeline(web.url, tokens.bob)).find((x) => x.id === s.id)!,
    asCarol: (await publicTimeline(web.url, tokens.carol)).find((x) => x.id === s.id)!,
    anonymous: (await publicTimeline(web.url)).find((x) => x.id === s.id)!,
    single: (await apiFetch(web.url, 'GET', `/api/v1/statuses/${s.id}`, { token: tokens.carol }))
      .body as StatusJson,
    carolsList: (await apiFetch(web.url, 'GET', '/api/v1/bookmarks', { token: tokens.carol }))
      .body as StatusJson[],
  });
  await atOnceHereSoonThere(one, two, views, ({ asBob, asCarol, anonymous, single, carolsList }) => {
    assert.equal(asBob.bookmarked, true, "bob's own bookmark");
    assert.equal(asCarol.bookmarked, false, "carol never sees bob's bookmark as hers");
    assert.equal('bookmarked' in anonymous, false, 'no viewer flags without a viewer');
    assert.equal(single.bookmarked, false);
    assert.deepEqual(carolsList, []);
  });
  // The website, on the other process: bob's card has "unbookmark", carol's "bookmark".
  const bobSite = new SiteClient(two.url);
  await bobSite.login('bob');
  const carolSite = new SiteClient(two.url);
  await carolSite.login('carol');
  const button = async (client: SiteClient) =>
    (await client.get('/public')).doc
      .querySelector(`#s-${s.id} form[action$="/bookmark"], #s-${s.id} form[action$="/unbookmark"]`)!
      .getAttribute('action')!;
  await settled(
    () => button(bobSite),
    (action) => assert.match(action, /\/unbookmark$/),
  );
  assert.match(await button(carolSite), /\/bookmark$/);
  // Unbookmarked through the other process: gone on both.
  await apiFetch(two.url, 'POST', `/api/v1/statuses/${s.id}/unbookmark`, { token: tokens.bob });
  await atOnceHereSoonThere(
    two,
    one,
    async (web) => (await publicTimeline(web.url, tokens.bob)).find((x) => x.id === s.id)!,
    (x) => assert.equal(x.bookmarked, false),
  );
});

test("a boost moves the count everywhere; the reblogged flag is only ever the booster's own; an edit reaches the boost", async () => {
  const s = await post(one.url, tokens.alice, 'boost me');
  for (const web of [one, two])
    for (const t of [undefined, tokens.bob, tokens.carol]) await publicTimeline(web.url, t);
  const boosted = await apiFetch(one.url, 'POST', `/api/v1/statuses/${s.id}/reblog`, { token: tokens.bob });
  assert.equal(boosted.status, 200);
  const boost = boosted.body as StatusJson;
  const views = async (web: Web) => ({
    asBob: (await publicTimeline(web.url, tokens.bob)).find((x) => x.id === s.id)!,
    asCarol: (await publicTimeline(web.url, tokens.carol)).find((x) => x.id === s.id)!,
    anonymous: (await publicTimeline(web.url)).find((x) => x.id === s.id)!,
    wrapperAsCarol: (await apiFetch(web.url, 'GET', `/api/v1/statuses/${boost.id}`, { token: tokens.carol }))
      .body as StatusJson,
  });
  await atOnceHereSoonThere(one, two, views, ({ asBob, asCarol, anonymous, wrapperAsCarol }) => {
    assert.equal(asBob.reblogged, true, "bob's own boost");
    assert.equal(asCarol.reblogged, false, "carol never sees bob's boost as hers");
    assert.equal('reblogged' in anonymous, false, 'no viewer flags without a viewer');
    for (const x of [asBob, asCarol, anonymous]) assert.equal(x.reblogs_count, 1);
    assert.equal(wrapperAsCarol.reblog?.reblogged, false, "nor inside bob's boost");
  });
  // The original edited through the other process: the boost shows the new text on both.
  await apiFetch(two.url, 'PUT', `/api/v1/statuses/${s.id}`, {
    token: tokens.alice,
    json: { status: 'boost me, edited' },
  });
  await atOnceHereSoonThere(
    two,
    one,
    async (web) =>
      (await apiFetch(web.url, 'GET', `/api/v1/accounts/${bob.id}/statuses`, { token: tokens.carol }))
        .body as StatusJson[],
    (list) => assert.equal(list.find((x) => x.id === boost.id)?.reblog?.content, '<p>boost me, edited</p>'),
  );
  // Unboosted through the other process: the flag and count go on both.
  await apiFetch(two.url, 'POST', `/api/v1/statuses/${s.id}/unreblog`, { token: tokens.bob });
  await atOnceHereSoonThere(
    two,
    one,
    async (web) => (await publicTimeline(web.url, tokens.bob)).find((x) => x.id === s.id)!,
    (x) => {
      assert.equal(x.reblogged, false);
      assert.equal(x.reblogs_count, 0);
    },
  );
});

test("a vote moves a poll's counts on both processes; voted and own_votes are only ever the voter's own", async () => {
  type Poll = {
    votes_count: number;
    voted?: boolean;
    own_votes?: number[];
    options: Array<{ votes_count: number }>;
  };
  const created = await apiFetch(one.url, 'POST', '/api/v1/statuses', {
    token: tokens.alice,
    json: { status: 'vote me', poll: { options: ['a', 'b'], expires_in: 600 } },
  });
  const s = created.body as StatusJson;
  // Warm both caches for everyone.
  for (const web of [one, two])
    for (const t of [undefined, tokens.bob, tokens.carol]) await publicTimeline(web.url, t);
  const voted = await apiFetch(one.url, 'POST', `/api/v1/polls/${s.id}/votes`, {
    token: tokens.bob,
    json: { choices: [1] },
  });
  assert.equal(voted.status, 200);
  const pollOf = (list: StatusJson[]) => (list.find((x) => x.id === s.id) as unknown as { poll: Poll }).poll;
  const views = async (web: Web) => ({
    asBob: pollOf(await publicTimeline(web.url, tokens.bob)),
    asCarol: pollOf(await publicTimeline(web.url, tokens.carol)),
    anonymous: pollOf(await publicTimeline(web.url)),
    carolsPoll: (await apiFetch(web.url, 'GET', `/api/v1/polls/${s.id}`, { token: tokens.carol }))
      .body as Poll,
  });
  await atOnceHereSoonThere(one, two, views, ({ asBob, asCarol, anonymous, carolsPoll }) => {
    for (const poll of [asBob, asCarol, anonymous, carolsPoll]) {
      assert.equal(poll.votes_count, 1);
      assert.deepEqual(
        poll.options.map((o) => o.votes_count),
        [0, 1],
      );
    }
    assert.deepEqual([asBob.voted, asBob.own_votes], [true, [1]], "bob's own vote");
    assert.deepEqual([asCarol.voted, asCarol.own_votes], [false, []], "carol never sees bob's vote as hers");
    assert.deepEqual([carolsPoll.voted, carolsPoll.own_votes], [false, []]);
    assert.equal('voted' in anonymous, false, 'no viewer flags without a viewer');
  });
  // The website on the other process: bob sees results, carol the vote form.
  const bobSite = new SiteClient(two.url);
  await bobSite.login('bob');
  const carolSite = new SiteClient(two.url);
  await carolSite.login('carol');
  const form = async (client: SiteClient) =>
    (await client.get('/public')).doc.querySelector(`#s-${s.id} form.poll-form`) !== null;
  await settled(
    () => form(bobSite),
    (hasForm) => assert.equal(hasForm, false),
  );
  assert.equal(await form(carolSite), true);
});

test("a pin shows on both processes: the author's flag, the profile's top and pinned=true; nobody else gets the flag", async () => {
  const s = await post(one.url, tokens.alice, 'pin me');
  const views = async (web: Web) => ({
    asAlice: (await publicTimeline(web.url, tokens.alice)).find((x) => x.id === s.id)! as StatusJson & {
      pinned?: boolean;
    },
    asBob: (await publicTimeline(web.url, tokens.bob)).find((x) => x.id === s.id)! as StatusJson & {
      pinned?: boolean;
    },
    list: (
      (await apiFetch(web.url, 'GET', `/api/v1/accounts/${alice.id}/statuses?pinned=true`))
        .body as StatusJson[]
    ).map((x) => x.id),
    profile: (await new SiteClient(web.url).get('/@alice')).doc
      .querySelectorAll('section.pinned article.status')
      .map((a) => a.id),
  });
  // Warm caches on both processes first.
  for (const web of [one, two]) await views(web);
  const pinned = await apiFetch(one.url, 'POST', `/api/v1/statuses/${s.id}/pin`, { token: tokens.alice });
  assert.equal(pinned.status, 200);
  await atOnceHereSoonThere(one, two, views, ({ asAlice, asBob, list, profile }) => {
    assert.equal(asAlice.pinned, true);
    assert.equal('pinned' in asBob, false, "bob is never told of alice's pins");
    assert.deepEqual(list, [s.id]);
    assert.deepEqual(profile, [`s-${s.id}`]);
  });
  await apiFetch(two.url, 'POST', `/api/v1/statuses/${s.id}/unpin`, { token: tokens.alice });
  await atOnceHereSoonThere(two, one, views, ({ asAlice, list, profile }) => {
    assert.equal(asAlice.pinned, false);
    assert.deepEqual(list, []);
    assert.deepEqual(profile, []);
  });
});

test('a content warning added by an edit reaches the cached cards on both processes', async () => {
  const s = await post(one.url, tokens.alice, 'plain at first');
  for (const web of [one, two]) {
    await publicTimeline(web.url);
    await new SiteClient(web.url).get('/public');
  }
  const edited = await apiFetch(one.url, 'PUT', `/api/v1/statuses/${s.id}`, {
    token: tokens.alice,
    json: { status: 'plain at first', spoiler_text: 'Now with a warning' },
  });
  assert.equal(edited.status, 200);
  await atOnceHereSoonThere(
    one,
    two,
    async (web) => ({
      api: (await publicTimeline(web.url)).find((x) => x.id === s.id)!,
      site: (await new SiteClient(web.url).get('/public')).doc.querySelector(
        `#s-${s.id} details.content-warning summary`,
      )?.text,
    }),
    ({ api, site }) => {
      assert.equal(api.spoiler_text, 'Now with a warning');
      assert.match(site ?? '', /Now with a warning/);
    },
  );
});

test('a suspension by the operator (another process) hides the account on both web processes', async () => {
  const dave = await register('dave');
  const daveToken = (await createTestToken(app, { accountId: dave.id })).token;
  const s = await post(two.url, daveToken, 'dave was here');
  await atOnceHereSoonThere(
    two,
    one,
    (web) => publicTimeline(web.url),
    (list) => assert.ok(list.some((x) => x.id === s.id)),
  );
  const result = await runCli(cliEnv(app.databaseUrl), 'accounts', 'suspend', 'dave');
  assert.equal(result.code, 0, result.stderr);
  for (const web of [one, two]) {
    await settled(
      () => publicTimeline(web.url),
      (list) => assert.ok(!list.some((x) => x.id === s.id)),
    );
    await settled(
      () => apiFetch(web.url, 'GET', `/api/v1/statuses/${s.id}`),
      (r) => assert.equal(r.status, 404),
    );
    await settled(
      () => new SiteClient(web.url).get('/@dave'),
      (page) => assert.equal(page.status, 404),
    );
    // Its token was revoked with the suspension.
    await settled(
      () => apiFetch(web.url, 'GET', '/api/v1/accounts/verify_credentials', { token: daveToken }),
      (r) => assert.equal(r.status, 401),
    );
  }
});

test('a change made by hand in SQL reaches the cache too (the triggers announce it, not the code)', async () => {
  const s = await post(one.url, tokens.alice, 'before the operator');
  await publicTimeline(two.url);
  await sql.rows(`UPDATE statuses SET html = '<p>fixed by the operator</p>' WHERE id = ${s.id}`);
  await settled(
    () => apiFetch(two.url, 'GET', `/api/v1/statuses/${s.id}`),
    (r) => assert.match(r.text, /fixed by the operator/),
  );
});

test('logging out on one process ends the session on the other; a revoked token stops working on both', async () => {
  const site = new SiteClient(one.url);
  await site.login('carol');
  const cookie = site.cookieHeader();
  const viaTwo = () => fetch(`${two.url}/settings`, { headers: { cookie }, redirect: 'manual' });
  await settled(viaTwo, (r) => assert.equal(r.status, 200, 'the session works on the other process'));
  await site.get('/');
  assert.equal((await site.post('/logout', {})).status, 303);
  await settled(viaTwo, (r) => assert.equal(r.status, 303, 'sent to log in'));

  const t = await createTestToken(app, { accountId: carol.id, appName: 'Short-lived' });
  for (const web of [one, two])
    await settled(
      () => apiFetch(web.url, 'GET', '/api/v1/accounts/verify_credentials', { token: t.token }),
      (r) => assert.equal(r.status, 200),
    );
  const revoked = await apiFetch(one.url, 'POST', '/oauth/revoke', {
    json: { client_id: t.clientId, client_secret: t.clientSecret, token: t.token },
  });
  assert.equal(revoked.status, 200);
  for (const web of [one, two])
    await settled(
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
  await atOnceHereSoonThere(one, two, profileIds, (ids) =>
    assert.equal(ids[0], `s-${s.id}`, 'newest on the profile'),
  );
  await atOnceHereSoonThere(one, two, tagIds, (ids) =>
    assert.deepEqual(ids, [`s-${s.id}`], 'on the new hashtag page'),
  );
  await apiFetch(two.url, 'PUT', `/api/v1/statuses/${s.id}`, {
    token: tokens.alice,
    json: { status: 'no tag now' },
  });
  await atOnceHereSoonThere(two, one, tagIds, (ids) =>
    assert.deepEqual(ids, [], 'an edit that drops the tag drops it here'),
  );
  await apiFetch(one.url, 'DELETE', `/api/v1/statuses/${s.id}`, { token: tokens.alice });
  await atOnceHereSoonThere(one, two, profileIds, (ids) => assert.ok(!ids.includes(`s-${s.id}`)));
});

test('notifications: a new one shows on the other process as soon as it hears of it; each person sees only their own', async () => {
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
  await atOnceHereSoonThere(
    two,
    one,
    (web) => list(web, tokens.alice),
    (mine) => {
      assert.equal(mine[0]!.type, 'favourite');
      assert.equal(mine[0]!.account.username, 'carol');
      assert.equal(mine[0]!.status!.id, s.id);
    },
  );
  for (const web of [one, two])
    assert.ok(!(await list(web, tokens.carol)).some((n) => n.status?.id === s.id), "not in carol's own list");
  const before = await unread(one, tokens.alice);
  assert.ok(before > 0);
  const marked = await apiFetch(two.url, 'POST', '/api/v1/notifications/clear', { token: tokens.alice });
  assert.equal(marked.status, 200);
  await atOnceHereSoonThere(
    two,
    one,
    (web) => unread(web, tokens.alice),
    (n) => assert.equal(n, 0),
  );
  await atOnceHereSoonThere(
    two,
    one,
    (web) => list(web, tokens.alice),
    (l) => assert.deepEqual(l, []),
  );
});

test("home timelines: a followed account's new status, a follow and an unfollow show everywhere", async () => {
  const home = async (web: { url: string }, token: string) =>
    ((await apiFetch(web.url, 'GET', '/api/v1/timelines/home', { token })).body as StatusJson[]).map(
      (x) => x.id,
    );
  const erin = await register('erin');
  const frank = await register('frank');
  const erinToken = (await createTestToken(app, { accountId: erin.id })).token;
  const frankToken = (await createTestToken(app, { accountId: frank.id })).token;
  const before = await post(two.url, frankToken, 'frank before the follow');
  for (const web of [one, two])
    assert.ok(!(await home(web, erinToken)).includes(before.id), 'not followed yet');
  assert.equal(
    (await apiFetch(one.url, 'POST', `/api/v1/accounts/${frank.id}/follow`, { token: erinToken })).status,
    200,
  );
  await atOnceHereSoonThere(
    one,
    two,
    (web) => home(web, erinToken),
    (ids) => assert.equal(ids[0], before.id, 'the follow brings his statuses'),
  );
  const after = await post(one.url, frankToken, 'frank after the follow');
  await atOnceHereSoonThere(
    one,
    two,
    (web) => home(web, erinToken),
    (ids) => assert.equal(ids[0], after.id, 'his new status'),
  );
  const own = await post(two.url, erinToken, 'erin herself');
  await atOnceHereSoonThere(
    two,
    one,
    (web) => home(web, erinToken),
    (ids) => assert.equal(ids[0], own.id, 'her own status'),
  );
  await apiFetch(two.url, 'POST', `/api/v1/accounts/${frank.id}/unfollow`, { token: erinToken });
  await atOnceHereSoonThere(
    two,
    one,
    (web) => home(web, erinToken),
    (ids) => assert.deepEqual(ids, [own.id], 'the unfollow takes his away'),
  );
  assert.ok(
    (await home(one, tokens.alice)).every((id) => id !== own.id),
    "never in someone else's home",
  );
});

// Followers-only and direct statuses, blocks and mutes (docs/visibility.md): what is cached for
// everyone holds only what everyone may see, and what one viewer may see never reaches another.
const postAs = async (base: string, token: string, status: string, visibility: string) =>
  (await apiFetch(base, 'POST', '/api/v1/statuses', { token, json: { status, visibility } }))
    .body as StatusJson;
const profileApi = async (base: string, accountId: string, token?: string) =>
  (
    (await apiFetch(base, 'GET', `/api/v1/accounts/${accountId}/statuses`, token ? { token } : {}))
      .body as StatusJson[]
  ).map((x) => x.id);
const profileSite = async (client: SiteClient, username: string) =>
  (await client.get(`/@${username}`)).doc
    .querySelectorAll('article.status')
    .map((a) => a.id.replace(/^s-/, ''));

test('a private or direct status never reaches a page cached for anonymous readers or strangers, on either process', async () => {
  const gwen = await register('gwen');
  const hank = await register('hank');
  const ivan = await register('ivan');
  const t = {
    gwen: (await createTestToken(app, { accountId: gwen.id })).token,
    hank: (await createTestToken(app, { accountId: hank.id })).token,
    ivan: (await createTestToken(app, { accountId: ivan.id })).token,
  };
  await apiFetch(one.url, 'POST', `/api/v1/accounts/${gwen.id}/follow`, { token: t.hank });
  const open = await postAs(one.url, t.gwen, 'for everyone #hush', 'public');
  const followersOnly = await postAs(one.url, t.gwen, 'for followers #hush', 'private');
  const direct = await postAs(two.url, t.gwen, 'for @ivan only #hush', 'direct');
  const hankSite = new SiteClient(one.url);
  await hankSite.login('hank');
  const hankSiteTwo = new SiteClient(two.url);
  await hankSiteTwo.login('hank');
  for (const web of [one, two]) {
    // The privileged read first, so a page cached for them would be what the others get next.
    await settled(
      () => profileApi(web.url, gwen.id, t.gwen),
      (ids) =>
        assert.deepEqual(ids.slice(0, 3), [direct.id, followersOnly.id, open.id], 'the author sees all'),
    );
    await settled(
      () => profileApi(web.url, gwen.id, t.hank),
      (ids) =>
        assert.deepEqual(ids.slice(0, 2), [followersOnly.id, open.id], 'a follower: not the direct one'),
    );
    await settled(
      () => profileApi(web.url, gwen.id, t.ivan),
      (ids) =>
        assert.deepEqual(ids.slice(0, 2), [direct.id, open.id], 'the mentioned: not the followers-only one'),
    );
    for (const token of [undefined, tokens.carol]) {
      const who = token ? 'a stranger' : 'anonymous';
      for (let i = 0; i < 3; i++) {
        assert.deepEqual(
          (await profileApi(web.url, gwen.id, token)).slice(0, 1),
          [open.id],
          `${who}, profile`,
        );
        const everyone = (await publicTimeline(web.url, token)).map((x) => x.id);
        assert.ok(!everyone.includes(followersOnly.id) && !everyone.includes(direct.id), `${who}, public`);
        const tag = (
          (await apiFetch(web.url, 'GET', '/api/v1/timelines/tag/hush', token ? { token } : {}))
            .body as StatusJson[]
        ).map((x) => x.id);
        assert.deepEqual(tag, [open.id], `${who}, hashtag`);
        for (const hidden of [followersOnly, direct])
          assert.equal(
            (await apiFetch(web.url, 'GET', `/api/v1/statuses/${hidden.id}`, token ? { token } : {})).status,
            404,
            `${who}, the status itself`,
          );
      }
    }
    const site = web === one ? hankSite : hankSiteTwo;
    assert.deepEqual((await profileSite(site, 'gwen')).slice(0, 2), [followersOnly.id, open.id]);
    assert.deepEqual((await profileSite(new SiteClient(web.url), 'gwen')).slice(0, 1), [open.id]);
    assert.ok(!(await new SiteClient(web.url).get('/public')).html.includes('for followers'));
  }
  // Unfollowing takes the followers-only status away at once here and soon there.
  await apiFetch(two.url, 'POST', `/api/v1/accounts/${gwen.id}/unfollow`, { token: t.hank });
  await atOnceHereSoonThere(
    two,
    one,
    (web) => profileApi(web.url, gwen.id, t.hank),
    (ids) => assert.ok(!ids.includes(followersOnly.id)),
  );
  await settled(
    () => profileSite(hankSite, 'gwen'),
    (ids) => assert.ok(!ids.includes(followersOnly.id)),
  );
});

test("a new block hides at once on the blocker's process, and on the other as soon as it hears of it", async () => {
  const jill = await register('jill');
  const kurt = await register('kurt');
  const t = {
    jill: (await createTestToken(app, { accountId: jill.id })).token,
    kurt: (await createTestToken(app, { accountId: kurt.id })).token,
  };
  await apiFetch(one.url, 'POST', `/api/v1/accounts/${kurt.id}/follow`, { token: t.jill });
  const kurts = await postAs(one.url, t.kurt, 'kurt speaks #blockme', 'public');
  const jills = await postAs(two.url, t.jill, 'jill speaks #blockme', 'public');
  const home = async (web: Web) =>
    ((await apiFetch(web.url, 'GET', '/api/v1/timelines/home', { token: t.jill })).body as StatusJson[]).map(
      (x) => x.id,
    );
  const sees = async (web: Web, token: string, status: StatusJson) => ({
    public: (await publicTimeline(web.url, token)).some((x) => x.id === status.id),
    profile: (await profileApi(web.url, status.id === kurts.id ? kurt.id : jill.id, token)).includes(
      status.id,
    ),
    tag: (
      (await apiFetch(web.url, 'GET', '/api/v1/timelines/tag/blockme', { token })).body as StatusJson[]
    ).some((x) => x.id === status.id),
    status: (await apiFetch(web.url, 'GET', `/api/v1/statuses/${status.id}`, { token })).status === 200,
  });
  const all = { public: true, profile: true, tag: true, status: true };
  const none = { public: false, profile: false, tag: false, status: false };
  // Both processes have everyone's view cached first.
  for (const web of [one, two]) {
    await settled(
      () => sees(web, t.jill, kurts),
      (x) => assert.deepEqual(x, all),
    );
    await settled(
      () => sees(web, t.kurt, jills),
      (x) => assert.deepEqual(x, all),
    );
    await settled(
      () => home(web),
      (ids) => assert.ok(ids.includes(kurts.id)),
    );
  }
  const blocked = await apiFetch(one.url, 'POST', `/api/v1/accounts/${kurt.id}/block`, { token: t.jill });
  assert.equal(blocked.status, 200);
  assert.equal((blocked.body as { blocking: boolean; following: boolean }).blocking, true);
  assert.equal((blocked.body as { following: boolean }).following, false, 'the block ended the follow');
  await atOnceHereSoonThere(
    one,
    two,
    (web) => sees(web, t.jill, kurts),
    (x) => assert.deepEqual(x, none, 'the blocker'),
  );
  await atOnceHereSoonThere(
    one,
    two,
    (web) => sees(web, t.kurt, jills),
    (x) => assert.deepEqual(x, none, 'the blocked'),
  );
  await atOnceHereSoonThere(one, two, home, (ids) => assert.ok(!ids.includes(kurts.id)));
  for (const web of [one, two])
    assert.deepEqual(await sees(web, tokens.carol, kurts), all, 'everyone else still sees both');
  await apiFetch(two.url, 'POST', `/api/v1/accounts/${kurt.id}/unblock`, { token: t.jill });
  await atOnceHereSoonThere(
    two,
    one,
    (web) => sees(web, t.jill, kurts),
    (x) => assert.deepEqual(x, all),
  );
});

test('a mute takes the muted account out of home, public and hashtag timelines on both processes; its profile stays', async () => {
  const lena = await register('lena');
  const mike = await register('mike');
  const t = {
    lena: (await createTestToken(app, { accountId: lena.id })).token,
    mike: (await createTestToken(app, { accountId: mike.id })).token,
  };
  await apiFetch(one.url, 'POST', `/api/v1/accounts/${mike.id}/follow`, { token: t.lena });
  const loud = await postAs(two.url, t.mike, 'so loud #muteme', 'public');
  const sees = async (web: Web) => ({
    home: (
      (await apiFetch(web.url, 'GET', '/api/v1/timelines/home', { token: t.lena })).body as StatusJson[]
    ).some((x) => x.id === loud.id),
    public: (await publicTimeline(web.url, t.lena)).some((x) => x.id === loud.id),
    tag: (
      (await apiFetch(web.url, 'GET', '/api/v1/timelines/tag/muteme', { token: t.lena })).body as StatusJson[]
    ).some((x) => x.id === loud.id),
    profile: (await profileApi(web.url, mike.id, t.lena)).includes(loud.id),
  });
  for (const web of [one, two])
    await settled(
      () => sees(web),
      (x) => assert.deepEqual(x, { home: true, public: true, tag: true, profile: true }),
    );
  const muted = await apiFetch(two.url, 'POST', `/api/v1/accounts/${mike.id}/mute`, {
    token: t.lena,
    json: { notifications: false },
  });
  assert.equal(muted.status, 200);
  assert.deepEqual(
    [
      (muted.body as { muting: boolean }).muting,
      (muted.body as { muting_notifications: boolean }).muting_notifications,
    ],
    [true, false],
  );
  await atOnceHereSoonThere(two, one, sees, (x) =>
    assert.deepEqual(x, { home: false, public: false, tag: false, profile: true }),
  );
  assert.ok(
    (await publicTimeline(one.url, tokens.carol)).some((x) => x.id === loud.id),
    'others still see it',
  );
  await apiFetch(one.url, 'POST', `/api/v1/accounts/${mike.id}/unmute`, { token: t.lena });
  await atOnceHereSoonThere(one, two, sees, (x) =>
    assert.deepEqual(x, { home: true, public: true, tag: true, profile: true }),
  );
});

test("a list's cached newest page follows its members' statuses, its members, a mute and a rename on both processes; it is only ever the owner's", async () => {
  const nina = await register('nina');
  const oscar = await register('oscar');
  const paula = await register('paula');
  const t = {
    nina: (await createTestToken(app, { accountId: nina.id })).token,
    oscar: (await createTestToken(app, { accountId: oscar.id })).token,
    paula: (await createTestToken(app, { accountId: paula.id })).token,
  };
  for (const target of [oscar, paula])
    await apiFetch(one.url, 'POST', `/api/v1/accounts/${target.id}/follow`, { token: t.nina });
  const list = (await apiFetch(one.url, 'POST', '/api/v1/lists', { token: t.nina, json: { title: 'Pals' } }))
    .body as { id: string };
  await apiFetch(one.url, 'POST', `/api/v1/lists/${list.id}/accounts`, {
    token: t.nina,
    json: { account_ids: [oscar.id] },
  });
  const timeline = async (web: Web, token = t.nina) => {
    const r = await apiFetch(web.url, 'GET', `/api/v1/timelines/list/${list.id}`, { token });
    return r.status === 200 ? (r.body as StatusJson[]).map((x) => x.id) : r.status;
  };
  const first = await post(two.url, t.oscar, 'oscar in the list');
  const outside = await post(two.url, t.paula, 'paula not in it yet');
  for (const web of [one, two])
    await settled(
      () => timeline(web),
      (ids) => assert.deepEqual(ids, [first.id]),
    );
  // A member's new status, posted through the other process.
  const second = await post(two.url, t.oscar, 'oscar again');
  await atOnceHereSoonThere(two, one, timeline, (ids) => assert.deepEqual(ids, [second.id, first.id]));
  // A member added, then a member taken out (through the other process).
  await apiFetch(one.url, 'POST', `/api/v1/lists/${list.id}/accounts`, {
    token: t.nina,
    json: { account_ids: [paula.id] },
  });
  await atOnceHereSoonThere(one, two, timeline, (ids) =>
    assert.deepEqual(ids, [second.id, outside.id, first.id]),
  );
  await apiFetch(two.url, 'DELETE', `/api/v1/lists/${list.id}/accounts`, {
    token: t.nina,
    json: { account_ids: [oscar.id] },
  });
  await atOnceHereSoonThere(two, one, timeline, (ids) => assert.deepEqual(ids, [outside.id]));
  // A mute leaves the member out on both; the unmute brings her back.
  await apiFetch(one.url, 'POST', `/api/v1/accounts/${paula.id}/mute`, { token: t.nina });
  await atOnceHereSoonThere(one, two, timeline, (ids) => assert.deepEqual(ids, []));
  await apiFetch(two.url, 'POST', `/api/v1/accounts/${paula.id}/unmute`, { token: t.nina });
  await atOnceHereSoonThere(two, one, timeline, (ids) => assert.deepEqual(ids, [outside.id]));
  // A rename is seen on both (the list itself is cached under the owner's key).
  await apiFetch(one.url, 'PUT', `/api/v1/lists/${list.id}`, { token: t.nina, json: { title: 'Old pals' } });
  await atOnceHereSoonThere(
    one,
    two,
    async (web) =>
      (
        (await apiFetch(web.url, 'GET', `/api/v1/lists/${list.id}`, { token: t.nina })).body as {
          title: string;
        }
      ).title,
    (title) => assert.equal(title, 'Old pals'),
  );
  // Nobody else reads it, however warm the owner's entries are.
  for (const web of [one, two]) assert.equal(await timeline(web, t.oscar), 404);
  // Deleted through one process: gone on both.
  await apiFetch(two.url, 'DELETE', `/api/v1/lists/${list.id}`, { token: t.nina });
  await atOnceHereSoonThere(
    two,
    one,
    (web) => timeline(web),
    (r) => assert.equal(r, 404),
  );
});

test("a status's versions follow an edit made through the other process, and go with the status", async () => {
  const s = await post(one.url, tokens.alice, 'version one');
  // With a token of its own: the settling reads would spend the address's anonymous API budget.
  const reader = (await createTestToken(app, { accountId: (await register('quentin')).id })).token;
  const history = async (web: Web) => {
    const r = await apiFetch(web.url, 'GET', `/api/v1/statuses/${s.id}/history`, { token: reader });
    return r.status === 200 ? (r.body as { content: string }[]).map((v) => v.content) : r.status;
  };
  const site = async (web: Web) => {
    const page = await new SiteClient(web.url).get(`/@alice/${s.id}/history`);
    return page.status === 200 ? page.doc.querySelectorAll('li.version').length : page.status;
  };
  for (const web of [one, two]) {
    await settled(
      () => history(web),
      (v) => assert.deepEqual(v, ['<p>version one</p>']),
    );
    assert.equal(await site(web), 1);
  }
  const edited = await apiFetch(two.url, 'PUT', `/api/v1/statuses/${s.id}`, {
    token: tokens.alice,
    json: { status: 'version two' },
  });
  assert.equal(edited.status, 200);
  await atOnceHereSoonThere(two, one, history, (v) =>
    assert.deepEqual(v, ['<p>version one</p>', '<p>version two</p>']),
  );
  await atOnceHereSoonThere(two, one, site, (n) => assert.equal(n, 2));
  assert.equal(
    (await apiFetch(one.url, 'DELETE', `/api/v1/statuses/${s.id}`, { token: tokens.alice })).status,
    200,
  );
  await atOnceHereSoonThere(one, two, history, (v) => assert.equal(v, 404));
  await atOnceHereSoonThere(one, two, site, (n) => assert.equal(n, 404));
});
