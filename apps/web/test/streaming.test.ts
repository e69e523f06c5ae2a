// The streaming API for real: two web processes on one database; masto.js's streaming client on a
// socket to web 2 receives what people do through web 1 (update, status.update, notification,
// delete), an event stream (SSE) read with fetch does too, and what a subscriber may not see never
// reaches them. Absence is asserted without waiting on a clock: events are delivered in commit order,
// so once a later event has arrived, an earlier one that should not have come never will.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRestAPIClient, createStreamingAPIClient, type mastodon } from 'masto';
import WebSocket from 'ws';
import { testDatabase } from '../../../test/support/database.ts';
import { closeAfterTest, record, type Received } from '../../../test/support/masto-streaming.ts';
import { fixtures } from '../../../test/support/fixtures.ts';
import { startWeb } from '../../../test/support/processes.ts';
import { waitFor, withDeadline } from '../../../test/support/wait.ts';

const databaseUrl = await testDatabase();
const [web1, web2] = await Promise.all([startWeb(databaseUrl), startWeb(databaseUrl)]);
const f = fixtures(databaseUrl);
const ids = await f.accounts(['alice', 'bob', 'carol', 'dave', 'erin', 'frank']);
const tokens = {
  alice: await f.token(ids.alice!, 'read write follow'),
  bob: await f.token(ids.bob!, 'read write'),
  carol: await f.token(ids.carol!, 'read write'),
  dave: await f.token(ids.dave!, 'read write'),
  erin: await f.token(ids.erin!, 'read write follow'),
  frank: await f.token(ids.frank!, 'read write follow'),
};
await f.follow(ids.bob!, ids.alice!);
/** REST clients on web 1: whatever people do there must reach sockets on web 2. */
const rest = (who: keyof typeof tokens) =>
  createRestAPIClient({ url: web1.url, accessToken: tokens[who].token });

const idOf = (e: Received) =>
  typeof e.payload === 'string' ? e.payload : (e.payload as { id?: string } | undefined)?.id;
const find = (events: Received[], event: string, id: string) =>
  events.find((e) => e.event === event && idOf(e) === id);

/** The streaming URL as the instance advertises it (urls.streaming_api) on web 2. */
async function streamingUrl(): Promise<string> {
  const instance = (await (await fetch(`${web2.url}/api/v1/instance`)).json()) as {
    urls: { streaming_api: string };
  };
  assert.equal(instance.urls.streaming_api, web2.url.replace(/^http/, 'ws'));
  return instance.urls.streaming_api;
}

/** masto.js's streaming client on web 2 as `who` (the token travels as Sec-WebSocket-Protocol). */
async function streamingClient(who: keyof typeof tokens) {
  const client = createStreamingAPIClient({
    streamingApiUrl: await streamingUrl(),
    accessToken: tokens[who].token,
    retry: false,
  });
  closeAfterTest(() => client.close());
  return client;
}

/**
 * Posts as `who` through web 1 until one of the posts arrives in `events` (the subscribe message has
 * then been handled on web 2); returns the id of the one that arrived.
 */
async function postUntilHeard(
  who: keyof typeof tokens,
  events: Received[],
  visibility: 'public' | 'unlisted' = 'public',
) {
  const posted: string[] = [];
  return waitFor(async () => {
    posted.push((await rest(who).v1.statuses.create({ status: `probe ${posted.length}`, visibility })).id);
    return posted.find((id) => find(events, 'update', id));
  }, 'a probe status to arrive on the stream');
}

test('masto.js on web 2 receives update, status.update, notification and delete made through web 1', async () => {
  const bob = await streamingClient('bob');
  const events = record(bob.user.subscribe());
  await postUntilHeard('alice', events);

  const status = await rest('alice').v1.statuses.create({ status: 'Hello from web 1 #streams' });
  const update = await waitFor(() => find(events, 'update', status.id), 'the update on web 2');
  assert.deepEqual(update.stream, ['user']);
  const payload = update.payload as mastodon.v1.Status;
  assert.equal(payload.account.id, ids.alice);
  assert.match(payload.content, /Hello from web 1/);
  assert.equal(payload.favourited, false, 'the status is read as the subscriber (viewer flags)');

  await rest('alice').v1.statuses.$select(status.id).update({ status: 'Hello again from web 1' });
  const edited = await waitFor(() => find(events, 'status.update', status.id), 'the status.update');
  assert.match((edited.payload as mastodon.v1.Status).content, /Hello again/);

  const mention = await rest('alice').v1.statuses.create({ status: '@bob look at this' });
  const notification = await waitFor(
    () => events.find((e) => e.event === 'notification'),
    'the notification on web 2',
  );
  const n = notification.payload as mastodon.v1.Notification;
  assert.equal(n.type, 'mention');
  assert.equal(n.status?.id, mention.id);
  assert.equal(n.account.id, ids.alice);

  await rest('alice').v1.statuses.$select(status.id).remove();
  const deleted = await waitFor(() => find(events, 'delete', status.id), 'the delete on web 2');
  assert.equal(deleted.payload, status.id, 'a delete carries the bare id');
});

test('several streams on one socket, each message naming its stream; unsubscribe stops one', async () => {
  const carol = await streamingClient('carol');
  const local = record(carol.public.local.subscribe());
  const tagSubscription = carol.hashtag.subscribe({ tag: 'Cats' });
  const tagged = record(tagSubscription);
  await postUntilHeard('alice', local);
  const status = await rest('alice').v1.statuses.create({ status: 'Look #cats' });
  const onTag = await waitFor(() => find(tagged, 'update', status.id), 'the hashtag stream');
  assert.deepEqual(onTag.stream, ['hashtag', 'Cats']);
  const onLocal = await waitFor(() => find(local, 'update', status.id), 'the public:local stream');
  assert.deepEqual(onLocal.stream, ['public:local']);
  const untagged = await rest('alice').v1.statuses.create({ status: 'No tag here' });
  await waitFor(() => find(local, 'update', untagged.id), 'the untagged status on public:local');
  assert.equal(find(tagged, 'update', untagged.id), undefined, 'the hashtag stream skips other statuses');

  // A socket's messages are handled in order: once `public` (subscribed after the unsubscribe) has
  // an event, the unsubscribe has been handled.
  tagSubscription.unsubscribe();
  const everything = record(carol.public.subscribe());
  await postUntilHeard('alice', everything);
  const more = await rest('alice').v1.statuses.create({ status: 'More #cats' });
  await waitFor(() => find(everything, 'update', more.id), 'the tagged status on public');
  assert.equal(find(tagged, 'update', more.id), undefined, 'nothing after the unsubscribe');
});

test('the public stream never carries an unlisted status', async () => {
  const carol = await streamingClient('carol');
  const events = record(carol.public.subscribe());
  await postUntilHeard('alice', events);
  const unlisted = await rest('alice').v1.statuses.create({ status: 'quiet one', visibility: 'unlisted' });
  const loud = await rest('alice').v1.statuses.create({ status: 'loud one', visibility: 'public' });
  await waitFor(() => find(events, 'update', loud.id), 'the public status');
  assert.equal(find(events, 'update', unlisted.id), undefined);
  // Bob follows alice: his home stream has the unlisted one.
  const bob = await streamingClient('bob');
  const home = record(bob.user.subscribe());
  await postUntilHeard('alice', home);
  const another = await rest('alice').v1.statuses.create({ status: 'quiet two', visibility: 'unlisted' });
  await waitFor(() => find(home, 'update', another.id), 'the unlisted status in a follower’s home');
});

test('the user stream of someone who does not follow the author does not carry it', async () => {
  const carol = await streamingClient('carol');
  const events = record(carol.user.subscribe());
  // Carol's own posts are in her home, so her probe proves the subscription.
  await postUntilHeard('carol', events);
  const alices = await rest('alice').v1.statuses.create({ status: 'for my followers' });
  const own = await rest('carol').v1.statuses.create({ status: 'my own' });
  await waitFor(() => find(events, 'update', own.id), 'carol’s own status');
  assert.equal(find(events, 'update', alices.id), undefined);
  await rest('alice').v1.statuses.$select(alices.id).remove();
  const later = await rest('carol').v1.statuses.create({ status: 'my own, later' });
  await waitFor(() => find(events, 'update', later.id), 'carol’s later status');
  assert.equal(find(events, 'delete', alices.id), undefined, 'nor its delete');
});

test('followers-only statuses reach followers only; blocked and muted authors reach nobody who blocks or mutes them', async () => {
  await f.follow(ids.frank!, ids.dave!);
  await rest('erin').v1.accounts.$select(ids.dave!).block();
  await rest('frank').v1.accounts.$select(ids.dave!).mute();
  const streams = {
    bobHome: record((await streamingClient('bob')).user.subscribe()),
    carolPublic: record((await streamingClient('carol')).public.subscribe()),
    erinPublic: record((await streamingClient('erin')).public.subscribe()),
    frankPublic: record((await streamingClient('frank')).public.subscribe()),
  };
  const frankHome = record((await streamingClient('frank')).user.subscribe());
  for (const events of Object.values(streams)) await postUntilHeard('alice', events);
  await postUntilHeard('frank', frankHome);

  const followersOnly = await rest('alice').v1.statuses.create({
    status: 'for followers',
    visibility: 'private',
  });
  const fromDave = await rest('dave').v1.statuses.create({ status: 'dave speaks' });
  const last = await rest('alice').v1.statuses.create({ status: 'the last word' });
  const ownLast = await rest('frank').v1.statuses.create({ status: 'frank’s last word' });
  for (const events of Object.values(streams))
    await waitFor(() => find(events, 'update', last.id), 'the last word');
  await waitFor(() => find(frankHome, 'update', ownLast.id), 'frank’s own last word');

  assert.ok(find(streams.bobHome, 'update', followersOnly.id), 'a follower has the followers-only status');
  assert.equal(find(streams.carolPublic, 'update', followersOnly.id), undefined, 'not on public');
  assert.ok(find(streams.carolPublic, 'update', fromDave.id), 'dave’s public status is on public');
  assert.equal(find(streams.erinPublic, 'update', fromDave.id), undefined, 'erin blocks dave');
  assert.equal(find(streams.frankPublic, 'update', fromDave.id), undefined, 'frank mutes dave');
  assert.equal(find(frankHome, 'update', fromDave.id), undefined, 'not in frank’s home either');
});

test('a boost reaches the user streams of the booster’s followers as an update with the wrapper, never public; reblogs=false holds it back', async () => {
  // bob follows alice (above); carol follows alice with her boosts hidden.
  await rest('carol').v1.accounts.$select(ids.alice!).follow({ reblogs: false });
  const bobHome = record((await streamingClient('bob')).user.subscribe());
  const carolHome = record((await streamingClient('carol')).user.subscribe());
  const frankPublic = record((await streamingClient('frank')).public.subscribe());
  for (const events of [bobHome, carolHome]) await postUntilHeard('alice', events);
  await postUntilHeard('alice', frankPublic);

  const byErin = await rest('erin').v1.statuses.create({ status: 'erin’s post, boosted by alice' });
  const boost = await rest('alice').v1.statuses.$select(byErin.id).reblog();
  const last = await rest('alice').v1.statuses.create({ status: 'after the boost' });
  for (const events of [bobHome, carolHome, frankPublic])
    await waitFor(() => find(events, 'update', last.id), 'the status after the boost');

  const heard = find(bobHome, 'update', boost.id);
  assert.ok(heard, 'a follower hears the boost');
  assert.equal(
    (heard.payload as { reblog: { id: string } }).reblog.id,
    byErin.id,
    'the wrapper holds the original',
  );
  assert.equal(find(carolHome, 'update', boost.id), undefined, 'reblogs=false: not in carol’s home stream');
  assert.equal(find(frankPublic, 'update', boost.id), undefined, 'never on the public stream');
  assert.ok(find(frankPublic, 'update', byErin.id), 'the original itself is');
  await rest('carol').v1.accounts.$select(ids.alice!).unfollow();
});

test('an event stream (SSE) read with fetch: update and delete, heartbeat comment first', async () => {
  const abort = new AbortController();
  closeAfterTest(() => abort.abort());
  const response = await fetch(`${web2.url}/api/v1/streaming/public?access_token=${tokens.carol.token}`, {
    signal: abort.signal,
  });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'text/event-stream');
  let text = '';
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        text += value;
      }
    } catch {
      // aborted
    }
  })();
  await waitFor(() => text.startsWith(':)\n'), 'the opening comment');
  const status = await rest('alice').v1.statuses.create({ status: 'served as an event' });
  await waitFor(() => text.includes(`event: update\ndata: {"id":"${status.id}"`), 'the update event');
  await rest('alice').v1.statuses.$select(status.id).remove();
  await waitFor(() => text.includes(`event: delete\ndata: ${status.id}\n\n`), 'the delete event');
  abort.abort();
});

test('refusals with Mastodon’s streaming server’s answers', async () => {
  const sse = async (path: string, headers: Record<string, string> = {}) => {
    const r = await fetch(`${web2.url}${path}`, { headers });
    return { status: r.status, body: await r.json() };
  };
  assert.deepEqual(await sse('/api/v1/streaming/user'), {
    status: 401,
    body: { error: 'Missing access token' },
  });
  assert.deepEqual(await sse('/api/v1/streaming/public', { authorization: 'Bearer nope' }), {
    status: 401,
    body: { error: 'Invalid access token' },
  });
  const writeOnly = await f.token(ids.carol!, 'write');
  assert.deepEqual(await sse('/api/v1/streaming/user', writeOnly.headers), {
    status: 401,
    body: { error: 'Access token does not have the required scopes' },
  });
  assert.deepEqual(await sse('/api/v1/streaming/hashtag', tokens.carol.headers), {
    status: 400,
    body: { error: 'Missing tag name parameter' },
  });
  assert.deepEqual(await sse('/api/v1/streaming/nonsense', tokens.carol.headers), {
    status: 400,
    body: { error: 'Unknown channel requested' },
  });
  assert.equal(await (await fetch(`${web2.url}/api/v1/streaming/health`)).text(), 'OK');

  // A WebSocket without a token is refused before the upgrade, the reason in X-Error-Message.
  const refused = await withDeadline(
    new Promise<{ status: number; reason: string }>((resolve, reject) => {
      const ws = new WebSocket(`${web2.url.replace(/^http/, 'ws')}/api/v1/streaming?stream=user`);
      ws.on('unexpected-response', (_req, res) =>
        resolve({ status: res.statusCode!, reason: String(res.headers['x-error-message']) }),
      );
      ws.on('open', () => reject(new Error('the upgrade was accepted')));
      ws.on('error', () => {});
    }),
    'the refused upgrade',
  );
  assert.deepEqual(refused, { status: 401, reason: 'Missing access token' });

  // On an accepted socket, a subscription it may not have gets an error message; the socket stays.
  assert.deepEqual(await socketAnswers(writeOnly.token, [{ stream: 'user' }, { stream: 'public' }]), [
    { error: 'Access token does not have the required scopes', status: 401 },
  ]);
  assert.deepEqual(
    await socketAnswers(tokens.carol.token, [
      { stream: 'nonsense' },
      { stream: 'hashtag' },
      { stream: 'list', list: '1' },
      { stream: 'list' },
    ]),
    [
      { error: 'Unknown stream type', status: 400 },
      { error: 'Missing tag name parameter', status: 400 },
      { error: 'Not authorized to stream this list', status: 401 },
      { error: 'Missing list name parameter', status: 400 },
    ],
  );
});

test('the list stream carries what the list timeline shows, only to the list’s owner', async () => {
  await f.follow(ids.carol!, ids.alice!);
  await f.follow(ids.carol!, ids.bob!);
  const list = await rest('carol').v1.lists.create({ title: 'Streamed' }); // replies_policy: list
  await rest('carol')
    .v1.lists.$select(list.id)
    .accounts.create({ accountIds: [ids.alice!] });
  const carol = await streamingClient('carol');
  const events = record(carol.list.subscribe({ list: list.id }));
  await postUntilHeard('alice', events);

  const bobs = await rest('bob').v1.statuses.create({ status: 'bob is not in the list' });
  const replyOut = await rest('alice').v1.statuses.create({ status: 'to bob', inReplyToId: bobs.id });
  const inList = await rest('alice').v1.statuses.create({ status: 'alice is in the list' });
  const heard = await waitFor(
    () => find(events, 'update', inList.id),
    'the member’s status on the list stream',
  );
  assert.deepEqual(heard.stream, ['list', list.id]);
  assert.equal(find(events, 'update', bobs.id), undefined, 'not a member');
  assert.equal(
    find(events, 'update', replyOut.id),
    undefined,
    'a reply to a non-member (replies_policy list)',
  );
  await rest('alice').v1.statuses.$select(inList.id).remove();
  await waitFor(() => find(events, 'delete', inList.id), 'the delete on the list stream');

  // Exclusive: the member's statuses leave the owner's user stream (as its home), not the list's.
  const home = record(carol.user.subscribe());
  await postUntilHeard('carol', home);
  await rest('carol').v1.lists.$select(list.id).update({ title: 'Streamed', exclusive: true });
  const exclusive = await rest('alice').v1.statuses.create({ status: 'only on the list' });
  const ownLast = await rest('carol').v1.statuses.create({ status: 'carol’s last' });
  await waitFor(() => find(home, 'update', ownLast.id), 'carol’s own status on her user stream');
  await waitFor(() => find(events, 'update', exclusive.id), 'the exclusive member on the list stream');
  assert.equal(find(home, 'update', exclusive.id), undefined, 'not on the owner’s user stream');

  // Over SSE too; another person may not stream it (Mastodon's answer), on a socket or over HTTP.
  const sse = await fetch(`${web2.url}/api/v1/streaming/list?list=${list.id}`, {
    headers: tokens.dave.headers,
  });
  assert.deepEqual(
    { status: sse.status, body: await sse.json() },
    {
      status: 401,
      body: { error: 'Not authorized to stream this list' },
    },
  );
  assert.deepEqual(await socketAnswers(tokens.dave.token, [{ stream: 'list', list: list.id }]), [
    { error: 'Not authorized to stream this list', status: 401 },
  ]);
});

test('the user stream carries public and unlisted statuses of followed hashtags', async () => {
  await rest('frank').v1.tags.$select('streamtag').follow();
  const frankHome = record((await streamingClient('frank')).user.subscribe());
  await postUntilHeard('frank', frankHome);
  // Frank follows neither bob nor erin: the hashtag brings their statuses.
  const tagged = await rest('bob').v1.statuses.create({ status: 'about #StreamTag' });
  const unlisted = await rest('erin').v1.statuses.create({
    status: 'quiet #streamtag',
    visibility: 'unlisted',
  });
  const hidden = await rest('bob').v1.statuses.create({
    status: 'followers #streamtag',
    visibility: 'private',
  });
  const untagged = await rest('bob').v1.statuses.create({ status: 'no tag' });
  const last = await rest('frank').v1.statuses.create({ status: 'frank’s last' });
  await waitFor(() => find(frankHome, 'update', last.id), 'frank’s own last status');
  assert.ok(find(frankHome, 'update', tagged.id), 'a public status with the followed tag');
  assert.ok(find(frankHome, 'update', unlisted.id), 'an unlisted one');
  assert.equal(find(frankHome, 'update', hidden.id), undefined, 'not a followers-only one');
  assert.equal(find(frankHome, 'update', untagged.id), undefined);
  await rest('frank').v1.tags.$select('streamtag').unfollow();
});

/**
 * Subscribes a raw socket (token in the address) to each stream, then to `public`, and returns the
 * answers (messages that are not events) received until an update arrives.
 */
async function socketAnswers(token: string, subscriptions: Array<Record<string, string>>) {
  const ws = new WebSocket(`${web2.url.replace(/^http/, 'ws')}/api/v1/streaming?access_token=${token}`);
  closeAfterTest(() => ws.terminate());
  const messages: Array<{ event?: string }> = [];
  ws.on('message', (data) => messages.push(JSON.parse(String(data))));
  await withDeadline(new Promise((resolve) => ws.once('open', resolve)), 'the socket to open');
  for (const s of subscriptions) ws.send(JSON.stringify({ type: 'subscribe', ...s }));
  // Mastodon answers in order, and so does this server: once an update of the public stream has
  // come, every subscription before it has been answered.
  ws.send(JSON.stringify({ type: 'subscribe', stream: 'public' }));
  await waitFor(async () => {
    await rest('alice').v1.statuses.create({ status: 'to end the answers' });
    return messages.some((m) => m.event === 'update');
  }, 'an update on the raw socket');
  ws.terminate();
  return messages.filter((m) => m.event === undefined);
}

test('a stopping web process (SIGTERM) ends its streams: sockets close with 1001, event streams end', async () => {
  const web3 = await startWeb(databaseUrl);
  const ws = new WebSocket(
    `${web3.url.replace(/^http/, 'ws')}/api/v1/streaming?stream=public&access_token=${tokens.carol.token}`,
  );
  closeAfterTest(() => ws.terminate());
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  await withDeadline(new Promise((resolve) => ws.once('open', resolve)), 'the socket to open');
  const response = await fetch(`${web3.url}/api/v1/streaming/public`, { headers: tokens.carol.headers });
  const body = response.text();
  await web3.stop('SIGTERM');
  assert.deepEqual(await withDeadline(closed, 'the socket to close'), {
    code: 1001,
    reason: 'The server is shutting down',
  });
  assert.equal(await withDeadline(body, 'the event stream to end'), ':)\n');
});
