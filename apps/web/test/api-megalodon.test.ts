// megalodon (the multi-server client library) against our API: it must recognise the server as
// Mastodon from NodeInfo, register, authorize through the real authorize page, post and read
// timelines. Every response is then checked against /api/openapi.json.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import generator, { detector, type MegalodonInterface } from 'megalodon';
import { startApiServer } from '../../../test/support/api-server.ts';
import { approveInBrowser } from '../../../test/support/api-authorize.ts';
import { fixtures, loggedIn } from '../../../test/support/fixtures.ts';

const server = await startApiServer();
const REDIRECT = 'https://megalodon.example/callback';
let client: MegalodonInterface;

test('detector() recognises the server as Mastodon', async () => {
  assert.equal(await detector(server.url), 'mastodon');
});

test('register an app, authorize on the page, exchange the code', async () => {
  const anonymous = generator('mastodon', server.url);
  const app = await anonymous.registerApp('megalodon test', {
    redirect_uris: REDIRECT,
    website: 'https://megalodon.example',
  });
  assert.ok(app.url, 'megalodon built an authorize URL');
  const authorize = new URL(app.url!);
  assert.equal(authorize.origin + authorize.pathname, `${server.url}/oauth/authorize`);
  const site = await loggedIn(server.url, await fixtures(server.app).account({ username: 'mega' }));
  const code = await approveInBrowser(site, {
    clientId: authorize.searchParams.get('client_id')!,
    redirectUri: authorize.searchParams.get('redirect_uri')!,
    scope: authorize.searchParams.get('scope')!,
  });
  const token = await anonymous.fetchAccessToken(app.client_id, app.client_secret, code, REDIRECT);
  assert.ok(token.access_token);
  client = generator('mastodon', server.url, token.access_token);
  const me = await client.verifyAccountCredentials();
  assert.equal(me.data.username, 'mega');
  const appCheck = await client.verifyAppCredentials();
  assert.equal(appCheck.data.name, 'megalodon test');
});

test('post and read the timelines', async () => {
  const posted = await client.postStatus('Hello from megalodon #fedi');
  const status = posted.data as { id: string; content: string; in_reply_to_id: string | null };
  assert.match(status.content, /Hello from megalodon/);
  const reply = await client.postStatus('and a reply', { in_reply_to_id: status.id });
  assert.equal((reply.data as { in_reply_to_id: string }).in_reply_to_id, status.id);
  const pub = await client.getPublicTimeline({ limit: 1 });
  assert.equal(pub.data.length, 1);
  assert.equal(pub.data[0]!.id, (reply.data as { id: string }).id);
  const older = await client.getPublicTimeline({ limit: 5, max_id: pub.data[0]!.id });
  assert.deepEqual(
    older.data.map((s) => s.id),
    [status.id],
  );
  const local = await client.getLocalTimeline();
  assert.equal(local.data.length, 2);
  const home = await client.getHomeTimeline();
  assert.equal(home.data.length, 2);
  const tag = await client.getTagTimeline('fedi');
  assert.deepEqual(
    tag.data.map((s) => s.id),
    [status.id],
  );
  const one = await client.getStatus(status.id);
  assert.equal(one.data.favourited, false);
  const instance = await client.getInstance();
  assert.match(instance.data.version, /^4\.3\.0/);
});

test('markers, account search, suggestions and hashtags', async () => {
  const saved = await client.saveMarkers({ home: { last_read_id: '12345' } });
  assert.equal((saved.data as { home?: { last_read_id: string } }).home?.last_read_id, '12345');
  const markers = await client.getMarkers(['home']);
  assert.equal((markers.data as { home?: { version: number } }).home?.version, 1);
  const found = await client.searchAccount('meg');
  assert.deepEqual(
    found.data.map((a) => a.username),
    ['mega'],
  );
  assert.ok(Array.isArray((await client.getSuggestions()).data));
  const tag = await client.getTag('fedi');
  assert.equal(tag.data.name, 'fedi');
  assert.equal(tag.data.history?.length, 7);
  assert.equal((await client.followTag('fedi')).data.following, true);
  assert.deepEqual(
    (await client.getFollowedTags()).data.map((t) => t.name),
    ['fedi'],
  );
  assert.equal((await client.unfollowTag('fedi')).data.following, false);
  const posted = await client.postStatus('Ein kurzer Gruß aus dem Norden an alle hier', { language: 'de' });
  assert.equal((posted.data as { language: string | null }).language, 'de');
});

test('every response matches the OpenAPI document', async () => {
  assert.ok(server.recorded.length > 8);
  assert.deepEqual(await server.openApiProblems(), []);
});
