// masto.js (the most used Mastodon client library) against our API, end to end: app registration,
// the real authorize page, two people posting, mentioning, following, favouriting, reading every
// timeline page by page, notifications, search, edit and delete. Every response is then checked
// against /api/openapi.json.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createOAuthAPIClient, createRestAPIClient, type mastodon } from 'masto';
import { startApiServer } from '../../../test/support/api-server.ts';
import { approveInBrowser } from '../../../test/support/api-authorize.ts';
import { fixtures, loggedIn } from '../../../test/support/fixtures.ts';

const server = await startApiServer();
const REDIRECT = 'https://client.example/callback';
const SCOPES = 'read write follow push';

async function collect<T>(paginator: AsyncIterable<T[]>, max = 50): Promise<{ pages: number; items: T[] }> {
  let pages = 0;
  const items: T[] = [];
  for await (const page of paginator) {
    pages++;
    items.push(...page);
    if (pages > max) throw new Error('pagination did not end');
  }
  return { pages, items };
}

/** A person logs in on the website and approves the app on the authorize page; the app gets a token. */
async function login(username: string, app: mastodon.v1.Client): Promise<mastodon.rest.Client> {
  const site = await loggedIn(server.url, await fixtures(server.app).account({ username }));
  const code = await approveInBrowser(site, {
    clientId: app.clientId!,
    redirectUri: REDIRECT,
    scope: SCOPES,
  });
  const token = await createOAuthAPIClient({ url: server.url }).token.create({
    grantType: 'authorization_code',
    clientId: app.clientId!,
    clientSecret: app.clientSecret!,
    redirectUri: REDIRECT,
    code,
    scope: SCOPES,
  });
  assert.equal(token.tokenType, 'Bearer');
  assert.equal(typeof token.createdAt, 'number');
  return createRestAPIClient({ url: server.url, accessToken: token.accessToken });
}

let alice: mastodon.rest.Client;
let bob: mastodon.rest.Client;
let aliceId: string;
let bobId: string;

test('register an app and authorize two people through the authorize page', async () => {
  const anonymous = createRestAPIClient({ url: server.url });
  const app = await anonymous.v1.apps.create({
    clientName: 'masto.js test',
    redirectUris: REDIRECT,
    scopes: SCOPES,
  });
  assert.ok(app.clientId && app.clientSecret);
  alice = await login('alice', app);
  bob = await login('bob', app);
  aliceId = (await alice.v1.accounts.verifyCredentials()).id;
  const me = await bob.v1.accounts.verifyCredentials();
  bobId = me.id;
  assert.equal(me.username, 'bob');
  assert.equal(me.source.note, '');
  assert.match(me.avatar, /^http:\/\/127\.0\.0\.1:\d+\/assets\/avatar\.png$/);
});

test('instance documents and start-up endpoints', async () => {
  const v1 = await alice.v1.instance.fetch();
  assert.match(v1.version, /^4\.3\.0 \(compatible; microposts/);
  assert.equal(v1.uri, new URL(server.url).host);
  const v2 = await alice.v2.instance.fetch();
  assert.equal(v2.configuration.statuses.maxCharacters, 500);
  assert.deepEqual(await alice.v1.customEmojis.list(), []);
  assert.deepEqual(await alice.v1.lists.list(), []);
  assert.deepEqual(await alice.v2.filters.list(), []);
  assert.deepEqual(await alice.v1.announcements.list(), []);
  const prefs = await alice.v1.preferences.fetch();
  assert.equal(prefs['posting:default:visibility'], 'public');
});

test('update credentials (multipart), lookup and fetch an account', async () => {
  const updated = await alice.v1.accounts.updateCredentials({
    displayName: 'Alice A.',
    note: 'Hi, I am #alice',
  });
  assert.equal(updated.displayName, 'Alice A.');
  assert.match(updated.note, /<a href="[^"]+\/tags\/alice" class="mention hashtag" rel="tag">/);
  const found = await bob.v1.accounts.lookup({ acct: 'ALICE' });
  assert.equal(found.id, aliceId);
  assert.equal((await bob.v1.accounts.$select(aliceId).fetch()).displayName, 'Alice A.');
  await assert.rejects(bob.v1.accounts.lookup({ acct: 'nobody' }), (e: Error & { statusCode?: number }) => {
    assert.equal(e.statusCode, 404);
    assert.equal(e.message, 'Record not found');
    return true;
  });
});

test('post, mention, follow, favourite and notifications', async () => {
  const hello = await alice.v1.statuses.create({ status: 'Hello @bob, welcome to #microposts' });
  assert.equal(hello.inReplyToId, null);
  assert.deepEqual(
    hello.mentions.map((m) => m.username),
    ['bob'],
  );
  assert.deepEqual(
    hello.tags.map((t) => t.name),
    ['microposts'],
  );
  assert.match(
    hello.content,
    /<span class="h-card"><a href="[^"]+\/@bob" class="u-url mention">@<span>bob<\/span><\/a><\/span>/,
  );
  assert.equal(hello.favourited, false);

  const reply = await bob.v1.statuses.create({ status: '@alice thanks!', inReplyToId: hello.id });
  assert.equal(reply.inReplyToId, hello.id);
  assert.equal(reply.inReplyToAccountId, aliceId);

  const rel = await bob.v1.accounts.$select(aliceId).follow();
  assert.equal(rel.following, true);
  assert.equal(rel.followedBy, false);
  const [r] = await alice.v1.accounts.relationships.fetch({ id: [bobId] });
  assert.equal(r!.followedBy, true);
  assert.equal(r!.blocking, false);

  const faved = await bob.v1.statuses.$select(hello.id).favourite();
  assert.equal(faved.favourited, true);
  assert.equal(faved.favouritesCount, 1);
  const by = await alice.v1.statuses.$select(hello.id).favouritedBy.list();
  assert.deepEqual(
    by.map((a) => a.username),
    ['bob'],
  );
  const favs = await collect(bob.v1.favourites.list());
  assert.deepEqual(
    favs.items.map((s) => s.id),
    [hello.id],
  );

  const context = await alice.v1.statuses.$select(hello.id).context.fetch();
  assert.deepEqual(
    context.descendants.map((s) => s.id),
    [reply.id],
  );

  const bobNotes = await bob.v1.notifications.list();
  assert.deepEqual(
    bobNotes.map((n) => n.type),
    ['mention'],
  );
  assert.equal(bobNotes[0]!.status!.id, hello.id);
  assert.equal(bobNotes[0]!.groupKey, `ungrouped-${bobNotes[0]!.id}`);
  const aliceNotes = await alice.v1.notifications.list();
  assert.deepEqual(aliceNotes.map((n) => n.type).sort(), ['favourite', 'follow', 'mention']);
  const onlyFollows = await alice.v1.notifications.list({ types: ['follow'] });
  assert.deepEqual(
    onlyFollows.map((n) => n.account.username),
    ['bob'],
  );
  const noFollows = await alice.v1.notifications.list({ excludeTypes: ['follow'] });
  assert.equal(noFollows.length, 2);
  const one = await alice.v1.notifications.$select(onlyFollows[0]!.id).fetch();
  assert.equal(one.type, 'follow');
  await alice.v1.notifications.$select(one.id).dismiss();
  assert.equal((await alice.v1.notifications.list()).length, 2);
  await alice.v1.notifications.clear();
  assert.deepEqual(await alice.v1.notifications.list(), []);

  const unfaved = await bob.v1.statuses.$select(hello.id).unfavourite();
  assert.equal(unfaved.favourited, false);
  assert.equal(unfaved.favouritesCount, 0);
});

test('page through every timeline with for await', async () => {
  for (let i = 1; i <= 5; i++) await alice.v1.statuses.create({ status: `Alice ${i} #paging @bob` });
  for (let i = 1; i <= 4; i++) await bob.v1.statuses.create({ status: `Bob ${i} #paging` });
  const publicTl = await collect(bob.v1.timelines.public.list({ limit: 3 }));
  assert.equal(publicTl.items.length, 11);
  assert.ok(publicTl.pages >= 4, `public: ${publicTl.pages} pages`);
  const ids = publicTl.items.map((s) => s.id);
  assert.deepEqual(
    ids,
    [...ids].sort((a, b) => a.length - b.length || (a < b ? 1 : a > b ? -1 : 0)),
  );
  assert.equal(new Set(ids).size, ids.length);

  const local = await collect(bob.v1.timelines.public.list({ limit: 4, local: true }));
  assert.equal(local.items.length, 11);

  const home = await collect(bob.v1.timelines.home.list({ limit: 2 }));
  assert.equal(home.items.length, 11, 'bob follows alice: both of their statuses');
  assert.ok(home.pages >= 6);
  const aliceHome = await collect(alice.v1.timelines.home.list({ limit: 2 }));
  assert.equal(aliceHome.items.length, 6, 'alice follows nobody: her own statuses');

  const tag = await collect(alice.v1.timelines.tag.$select('Paging').list({ limit: 4 }));
  assert.equal(tag.items.length, 9);
  assert.ok(tag.pages >= 3);

  const profile = await collect(bob.v1.accounts.$select(aliceId).statuses.list({ limit: 2 }));
  assert.equal(profile.items.length, 6);
  const noReplies = await collect(
    alice.v1.accounts.$select(bobId).statuses.list({ limit: 2, excludeReplies: true }),
  );
  assert.equal(noReplies.items.length, 4);

  assert.ok(profile.pages >= 3);

  const notifications = await collect(bob.v1.notifications.list({ limit: 2 }));
  assert.equal(notifications.items.length, 6, 'one mention in hello, five in the paging statuses');
  assert.ok(notifications.pages >= 3);
  for (const s of publicTl.items.slice(0, 3)) await bob.v1.statuses.$select(s.id).favourite();
  const favourites = await collect(bob.v1.favourites.list({ limit: 1 }));
  assert.deepEqual(
    favourites.items.map((s) => s.id),
    publicTl.items
      .slice(0, 3)
      .map((s) => s.id)
      .reverse(),
    'newest favourite first',
  );
  assert.ok(favourites.pages >= 3);

  const followers = await collect(alice.v1.accounts.$select(aliceId).followers.list({ limit: 1 }));
  assert.deepEqual(
    followers.items.map((a) => a.username),
    ['bob'],
  );
  const following = await collect(alice.v1.accounts.$select(bobId).following.list());
  assert.deepEqual(
    following.items.map((a) => a.username),
    ['alice'],
  );

  // Paging forward with min_id: the statuses just newer than the oldest, oldest of them last.
  const oldest = ids[ids.length - 1]!;
  const newer = await bob.v1.timelines.public.list({ minId: oldest, limit: 2 });
  assert.deepEqual(
    newer.map((s) => s.id),
    [ids[ids.length - 3], ids[ids.length - 2]],
  );
});

test('search', async () => {
  const byName = await bob.v2.search.list({ q: 'alice' });
  assert.deepEqual(
    byName.accounts.map((a) => a.username),
    ['alice'],
  );
  const byTag = await bob.v2.search.list({ q: '#pagin', type: 'hashtags' });
  assert.deepEqual(
    byTag.hashtags.map((h) => h.name),
    ['paging'],
  );
  const byText = await bob.v2.search.list({ q: 'welcome', type: 'statuses' });
  assert.equal(byText.statuses.length, 1);
  assert.deepEqual(await bob.v2.search.list({ q: '' }), { accounts: [], statuses: [], hashtags: [] });
});

test('edit and delete', async () => {
  const status = await alice.v1.statuses.create({ status: 'Frist post #typo' });
  const edited = await alice.v1.statuses.$select(status.id).update({ status: 'First post #fixed, hi @bob' });
  assert.equal(edited.id, status.id);
  assert.ok(edited.editedAt);
  assert.match(edited.content, /First post/);
  assert.deepEqual(
    edited.tags.map((t) => t.name),
    ['fixed'],
  );
  assert.deepEqual(
    edited.mentions.map((m) => m.username),
    ['bob'],
  );
  const mentioned = await bob.v1.notifications.list({ types: ['mention'] });
  assert.ok(
    mentioned.some((n) => n.status?.id === status.id),
    'bob is told of the new mention',
  );
  assert.deepEqual((await collect(alice.v1.timelines.tag.$select('typo').list())).items, []);

  await assert.rejects(bob.v1.statuses.$select(status.id).remove(), (e: Error & { statusCode?: number }) => {
    assert.equal(e.statusCode, 404);
    return true;
  });
  const deleted = await alice.v1.statuses.$select(status.id).remove();
  assert.equal(deleted.id, status.id);
  assert.equal(deleted.text, 'First post #fixed, hi @bob');
  await assert.rejects(alice.v1.statuses.$select(status.id).fetch(), (e: Error & { statusCode?: number }) => {
    assert.equal(e.statusCode, 404);
    return true;
  });
});

test('markers, language, account search, suggestions, directory and hashtags', async () => {
  await bob.v1.statuses.create({ status: 'Good morning @alice, coffee soon?' });
  const notes = await alice.v1.notifications.list();
  assert.ok(notes.length > 0);
  const saved = await alice.v1.markers.create({ notifications: { lastReadId: notes[0]!.id } });
  assert.equal(saved.notifications?.lastReadId, notes[0]!.id);
  const markers = await alice.v1.markers.fetch({ timeline: ['home', 'notifications'] });
  assert.equal(markers.notifications?.lastReadId, notes[0]!.id);
  assert.equal(markers.home, undefined);

  const german = await alice.v1.statuses.create({ status: 'Guten Abend, wie geht es euch allen heute?' });
  assert.equal(german.language, 'de');
  const french = await alice.v1.statuses.create({ status: 'Salut', language: 'fr' });
  assert.equal(french.language, 'fr');

  const found = await bob.v1.accounts.search.list({ q: 'ali', resolve: true });
  assert.deepEqual(
    found.map((a) => a.username),
    ['alice'],
  );
  const following = await bob.v1.accounts.search.list({ q: 'ali', following: true });
  assert.deepEqual(
    following.map((a) => a.username),
    ['alice'],
  );

  const suggested = await bob.v2.suggestions.list();
  assert.ok(suggested.every((s) => s.account.id !== bobId && s.account.id !== aliceId));
  // masto.js sends familiar_followers' ids as `?0=<id>` (not `id[]=`), so Mastodon and we answer none.
  assert.deepEqual(await bob.v1.accounts.familiarFollowers.fetch([aliceId]), []);
  const directory = await bob.v1.directory.list({ order: 'new', limit: 5 });
  assert.ok(directory.some((a) => a.id === aliceId));

  const tag = await bob.v1.tags.$select('Paging').fetch();
  assert.equal(tag.name, 'paging');
  assert.equal(tag.history?.length, 7);
  assert.equal(tag.following, false);
  assert.equal((await bob.v1.tags.$select('paging').follow()).following, true);
  const followed = await collect(bob.v1.followedTags.list());
  assert.deepEqual(
    followed.items.map((t) => t.name),
    ['paging'],
  );
  assert.equal((await bob.v1.tags.$select('paging').unfollow()).following, false);
  assert.deepEqual(await bob.v1.accounts.$select(aliceId).featuredTags.list(), []);
  assert.deepEqual(await bob.v1.accounts.$select(aliceId).lists.list(), []);

  const me = await bob.v1.accounts.verifyCredentials();
  assert.equal(me.role?.permissions, '65536');
  assert.equal(me.source.indexable, true);
});

test('register an account through the API with an app token', async () => {
  const anonymous = createRestAPIClient({ url: server.url });
  const app = await anonymous.v1.apps.create({
    clientName: 'sign-up app',
    redirectUris: REDIRECT,
    scopes: 'read write',
  });
  const appToken = await createOAuthAPIClient({ url: server.url }).token.create({
    grantType: 'client_credentials',
    clientId: app.clientId!,
    clientSecret: app.clientSecret!,
    redirectUri: REDIRECT,
    scope: 'read write',
  });
  const asApp = createRestAPIClient({ url: server.url, accessToken: appToken.accessToken });
  const token = await asApp.v1.accounts.create({
    username: 'carol',
    email: 'carol@example.com',
    password: 'correct horse battery',
    agreement: true,
    locale: 'en',
  });
  assert.equal(token.scope, 'read write');
  const carol = createRestAPIClient({ url: server.url, accessToken: token.accessToken });
  assert.equal((await carol.v1.accounts.verifyCredentials()).username, 'carol');
  await assert.rejects(
    asApp.v1.accounts.create({
      username: 'carol',
      email: 'c2@example.com',
      password: 'correct horse battery',
      agreement: true,
      locale: 'en',
    }),
    (e: Error & { statusCode?: number }) => {
      assert.equal(e.statusCode, 422);
      assert.equal(e.message, 'Validation failed: Username is already taken.');
      return true;
    },
  );
});

test('boosts: reblog with visibility, rebloggedBy, the wrapper on home, reblogs=false, the notification, unreblog', async () => {
  const post = await alice.v1.statuses.create({ status: 'Boost this, please' });
  const boost = await bob.v1.statuses.$select(post.id).reblog({ visibility: 'unlisted' });
  assert.equal(boost.visibility, 'unlisted');
  assert.equal(boost.account.id, bobId);
  assert.equal(boost.reblog?.id, post.id);
  assert.equal(boost.reblog?.reblogged, true);
  assert.equal(boost.reblog?.reblogsCount, 1);
  const again = await bob.v1.statuses.$select(post.id).reblog();
  assert.equal(again.id, boost.id, 'boosting twice answers the same boost');
  const self = await alice.v1.statuses.$select(post.id).reblog();
  const by = await collect(alice.v1.statuses.$select(post.id).rebloggedBy.list());
  assert.deepEqual(
    by.items.map((a) => a.id),
    [aliceId, bobId],
    'newest boost first',
  );

  // Alice follows bob: his boost is on her home, unless she hides his boosts.
  const rel = await alice.v1.accounts.$select(bobId).follow({ reblogs: true });
  assert.equal(rel.showingReblogs, true);
  const home = async () => (await alice.v1.timelines.home.list({ limit: 40 })).map((s) => s.id);
  assert.ok((await home()).includes(boost.id));
  const hidden = await alice.v1.accounts.$select(bobId).follow({ reblogs: false });
  assert.equal(hidden.showingReblogs, false);
  assert.ok(!(await home()).includes(boost.id));
  const [relationship] = await alice.v1.accounts.relationships.fetch({ id: [bobId] });
  assert.equal(relationship!.showingReblogs, false);

  const notes = await alice.v1.notifications.list({ types: ['reblog'] });
  assert.deepEqual(
    notes.map((n) => [n.type, n.account.id, n.status?.id]),
    [['reblog', bobId, post.id]],
    'one reblog notification, not for her own boost',
  );
  const undone = await bob.v1.statuses.$select(post.id).unreblog();
  assert.equal(undone.id, post.id);
  assert.equal(undone.reblogged, false);
  assert.equal(undone.reblogsCount, 1, "alice's own boost is still counted");
  await alice.v1.statuses.$select(self.reblog!.id).unreblog();
  await alice.v1.accounts.$select(bobId).unfollow();
});

test('filters v2 with masto.js: a filter, its keywords and statuses, v1, and `filtered` on the home timeline', async () => {
  const filter = await bob.v2.filters.create({
    title: 'Masto filter',
    context: ['home', 'public'],
    filterAction: 'warn',
    expiresIn: 86400,
    keywordsAttributes: [{ keyword: 'artichoke', wholeWord: true }],
  });
  assert.equal(filter.filterAction, 'warn');
  assert.deepEqual(filter.context, ['home', 'public']);
  assert.ok(filter.expiresAt);
  const keyword = await bob.v2.filters
    .$select(filter.id)
    .keywords.create({ keyword: 'leek', wholeWord: false });
  assert.deepEqual(
    (await bob.v2.filters.$select(filter.id).keywords.list()).map((k) => k.keyword),
    ['artichoke', 'leek'],
  );
  assert.equal((await bob.v2.filters.keywords.$select(keyword.id).fetch()).wholeWord, false);
  await bob.v2.filters.keywords.$select(keyword.id).update({ keyword: 'leeks', wholeWord: true });
  const posted = await alice.v1.statuses.create({ status: 'An ARTICHOKE for dinner' });
  const named = await bob.v2.filters.$select(filter.id).statuses.create({ statusId: posted.id });
  assert.equal(named.statusId, posted.id);
  assert.equal((await bob.v2.filters.statuses.$select(named.id).fetch()).statusId, posted.id);
  const home = await bob.v1.timelines.home.list({ limit: 40 });
  const seen = home.find((s) => s.id === posted.id);
  assert.ok(seen, 'a warn filter keeps the status');
  assert.equal(seen.filtered?.[0]?.filter.title, 'Masto filter');
  assert.deepEqual(seen.filtered?.[0]?.keywordMatches, ['ARTICHOKE']);
  assert.deepEqual(seen.filtered?.[0]?.statusMatches, [posted.id]);
  const v1 = await bob.v1.filters.list();
  assert.deepEqual(
    v1.map((x) => [x.phrase, x.wholeWord, x.irreversible]),
    [
      ['artichoke', true, false],
      ['leeks', true, false],
    ],
  );
  await bob.v2.filters.statuses.$select(named.id).remove();
  await bob.v2.filters.keywords.$select(keyword.id).remove();
  await bob.v2.filters.$select(filter.id).update({ filterAction: 'hide' });
  const hidden = await bob.v1.timelines.home.list({ limit: 40 });
  assert.ok(!hidden.some((s) => s.id === posted.id), 'a hide filter leaves it out');
  await bob.v2.filters.$select(filter.id).remove();
  assert.deepEqual(await bob.v2.filters.list(), []);
  assert.ok((await bob.v1.timelines.home.list({ limit: 40 })).some((s) => s.id === posted.id));
});

test('every response matches the OpenAPI document', async () => {
  assert.ok(server.recorded.length > 50, `${server.recorded.length} responses recorded`);
  assert.deepEqual(await server.openApiProblems(), []);
});
