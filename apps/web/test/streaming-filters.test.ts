// Streaming events of filters and direct conversations, through masto.js's streaming client on a real
// web process: `filters_changed` on the user stream when the person's filters change (through the
// change feed, after commit), `update` and `notification` events that honour the subscriber's filters
// (`hide`: never sent; `warn`: sent with `filtered`), and `conversation` events on the `direct`
// stream for each participant a direct status reaches; and `public:media`. Absence is asserted through commit order: once
// a later event has arrived, an earlier one that should not have come never will.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRestAPIClient, createStreamingAPIClient, type mastodon } from 'masto';
import { testDatabase } from '../../../test/support/database.ts';
import { closeAfterTest, record, type Received } from '../../../test/support/masto-streaming.ts';
import { fixtures } from '../../../test/support/fixtures.ts';
import { startWeb } from '../../../test/support/processes.ts';
import { sqlClient } from '../../../test/support/sql.ts';
import { waitFor } from '../../../test/support/wait.ts';

const databaseUrl = await testDatabase();
const web = await startWeb(databaseUrl);
const f = fixtures(databaseUrl);
const sql = sqlClient(databaseUrl);
const ids = await f.accounts(['alice', 'bob', 'carol']);
const tokens = {
  alice: await f.token(ids.alice!, 'read write'),
  bob: await f.token(ids.bob!, 'read write'),
  carol: await f.token(ids.carol!, 'read write'),
};
await f.follow(ids.bob!, ids.alice!);
const rest = (who: keyof typeof tokens) =>
  createRestAPIClient({ url: web.url, accessToken: tokens[who].token });

async function streamingClient(who: keyof typeof tokens) {
  const client = createStreamingAPIClient({
    streamingApiUrl: web.url.replace(/^http/, 'ws'),
    accessToken: tokens[who].token,
    retry: false,
  });
  closeAfterTest(() => client.close());
  return client;
}

const payloadId = (e: Received) => (e.payload as { id?: string } | undefined)?.id;
const updates = (events: Received[]) => events.filter((e) => e.event === 'update').map(payloadId);

/** Posts as alice until one of the posts arrives (the subscription is then in place). */
async function postUntilHeard(events: Received[]) {
  const posted: string[] = [];
  await waitFor(async () => {
    posted.push((await rest('alice').v1.statuses.create({ status: `probe ${posted.length}` })).id);
    return posted.find((id) => updates(events).includes(id));
  }, 'a probe status to arrive');
}

test('filters_changed reaches the user stream on every change; updates and notifications honour the filters', async () => {
  const bob = await streamingClient('bob');
  const events = record(bob.user.subscribe());
  await postUntilHeard(events);
  const changes = () => events.filter((e) => e.event === 'filters_changed').length;

  const hide = await rest('bob').v2.filters.create({
    title: 'No pineapple',
    context: ['home', 'notifications'],
    filterAction: 'hide',
    keywordsAttributes: [{ keyword: 'pineapple' }],
  });
  await waitFor(
    () => changes() === 1,
    'filters_changed after the filter was made (one for filter and keyword)',
  );
  const change = events.find((e) => e.event === 'filters_changed')!;
  assert.deepEqual(change.stream, ['user']);
  assert.equal(change.payload, undefined, 'no payload, as Mastodon sends it');
  const warn = await rest('bob').v2.filters.create({
    title: 'Cats',
    context: ['home'],
    keywordsAttributes: [{ keyword: 'cats' }],
  });
  await waitFor(() => changes() === 2, 'filters_changed after the second filter');

  const hidden = await rest('alice').v1.statuses.create({ status: 'Pineapple on pizza' });
  const warned = await rest('alice').v1.statuses.create({ status: 'Look at these cats' });
  const shown = await rest('alice').v1.statuses.create({ status: 'A plain post' });
  await waitFor(() => updates(events).includes(shown.id), 'the plain post');
  assert.ok(!updates(events).includes(hidden.id), 'hide: never sent (it committed before the plain post)');
  const w = events.find((e) => e.event === 'update' && payloadId(e) === warned.id)!;
  const filtered = (w.payload as mastodon.v1.Status).filtered!;
  assert.equal(filtered.length, 1);
  assert.equal(filtered[0]!.filter.id, warn.id);
  assert.equal(filtered[0]!.filter.title, 'Cats');
  assert.deepEqual(filtered[0]!.keywordMatches, ['cats']);
  assert.deepEqual(
    (events.find((e) => e.event === 'update' && payloadId(e) === shown.id)!.payload as mastodon.v1.Status)
      .filtered,
    [],
  );

  // Notifications: a mention about pineapples is left out, the next one comes.
  const quiet = await rest('alice').v1.statuses.create({ status: '@bob pineapple time' });
  const loud = await rest('alice').v1.statuses.create({ status: '@bob hello' });
  const notes = () =>
    events
      .filter((e) => e.event === 'notification')
      .map((e) => (e.payload as mastodon.v1.Notification).status?.id);
  await waitFor(() => notes().includes(loud.id), 'the notification of the plain mention');
  assert.ok(!notes().includes(quiet.id), 'no notification about a hidden status');

  // Changing and deleting announce too; carol's stream hears nothing of bob's filters.
  const carol = await streamingClient('carol');
  const carolEvents = record(carol.user.subscribe());
  const carolPosts: string[] = [];
  const carolHeard = () =>
    waitFor(async () => {
      carolPosts.push((await rest('carol').v1.statuses.create({ status: `carol ${carolPosts.length}` })).id);
      return carolPosts.find((id) => updates(carolEvents).includes(id));
    }, "carol's own post");
  await carolHeard();
  await rest('bob').v2.filters.$select(hide.id).update({ title: 'Still no pineapple' });
  await waitFor(() => changes() === 3, 'filters_changed after an update');
  await rest('bob').v2.filters.$select(hide.id).remove();
  await rest('bob').v2.filters.$select(warn.id).remove();
  await waitFor(() => changes() === 5, 'filters_changed after each delete');
  const own = await rest('carol').v1.statuses.create({ status: 'carol was listening' });
  await waitFor(() => updates(carolEvents).includes(own.id), "carol's post after bob's changes");
  assert.ok(!carolEvents.some((e) => e.event === 'filters_changed'), 'only the owner is told');
});

test('a direct status sends each participant a conversation event on the direct stream, nobody else', async () => {
  const bob = await streamingClient('bob');
  const carol = await streamingClient('carol');
  const alice = await streamingClient('alice');
  const bobs = record(bob.direct.subscribe());
  const carols = record(carol.direct.subscribe());
  const alices = record(alice.direct.subscribe());
  const conversations = (events: Received[]) => events.filter((e) => e.event === 'conversation');

  // Until the subscriptions are in place, post direct statuses to bob (each is a new conversation).
  const sent: string[] = [];
  await waitFor(async () => {
    sent.push(
      (await rest('alice').v1.statuses.create({ status: `@bob psst ${sent.length}`, visibility: 'direct' }))
        .id,
    );
    return conversations(bobs).find((e) =>
      sent.includes((e.payload as mastodon.v1.Conversation).lastStatus!.id),
    );
  }, 'a conversation event for bob');
  const direct = await rest('alice').v1.statuses.create({
    status: '@bob just between us',
    visibility: 'direct',
  });
  const event = await waitFor(
    () =>
      conversations(bobs).find((e) => (e.payload as mastodon.v1.Conversation).lastStatus?.id === direct.id),
    "bob's conversation event",
  );
  assert.deepEqual(event.stream, ['direct']);
  const c = event.payload as mastodon.v1.Conversation;
  assert.equal(c.unread, true);
  assert.deepEqual(
    c.accounts.map((a) => a.id),
    [ids.alice],
  );
  // The author hears of it too (read), as on Mastodon.
  const mine = await waitFor(
    () =>
      conversations(alices).find((e) => (e.payload as mastodon.v1.Conversation).lastStatus?.id === direct.id),
    "alice's conversation event",
  );
  assert.equal((mine.payload as mastodon.v1.Conversation).unread, false);
  assert.equal(
    (await rest('bob').v1.conversations.list()).find((x) => x.lastStatus?.id === direct.id)?.id,
    c.id,
    'the same conversation the API lists',
  );
  // Carol was not mentioned: she hears only of the direct statuses to her (once one has arrived, the
  // earlier ones to bob, committed before it, never will).
  const toCarol: string[] = [];
  await waitFor(async () => {
    toCarol.push(
      (
        await rest('alice').v1.statuses.create({
          status: `@carol hi ${toCarol.length}`,
          visibility: 'direct',
        })
      ).id,
    );
    return conversations(carols).length > 0;
  }, "carol's conversation event");
  const heard = conversations(carols).map((e) => (e.payload as mastodon.v1.Conversation).lastStatus?.id);
  assert.ok(
    heard.every((id) => toCarol.includes(id!)),
    'carol heard only of her own',
  );
  // Bob's user stream carries no conversation events.
  assert.ok(!bobs.some((e) => e.event === 'update'), 'the direct stream carries conversations, not updates');
});

test('public:media carries only public statuses with images; public carries them all', async () => {
  const carol = await streamingClient('carol');
  const media = record(carol.public.media.subscribe());
  const all = record(carol.public.subscribe());
  // A status with a processed image, written as one transaction (no worker runs here).
  const withImage = async (text: string) => {
    const [row] = await sql.rows<{ id: string }>(
      `WITH s AS (INSERT INTO statuses (account_id, text, html, visibility)
         VALUES (${ids.alice}, '${text}', '<p>${text}</p>', 'public') RETURNING id)
       INSERT INTO media_attachments (account_id, status_id, state, format, upload_size, file_key, width, height, file_size)
       SELECT ${ids.alice}, id, 'ready', 'webp', 10, 'm/' || id || '.webp', 4, 3, 10 FROM s
       RETURNING status_id::text AS id`,
    );
    return row!.id;
  };
  const pictures: string[] = [];
  await waitFor(async () => {
    pictures.push(await withImage(`picture ${pictures.length}`));
    return pictures.find((id) => updates(media).includes(id));
  }, 'a status with an image on public:media');
  const plain = await rest('alice').v1.statuses.create({ status: 'no picture here' });
  const last = await withImage('the last picture');
  await waitFor(() => updates(media).includes(last), 'the last picture');
  assert.ok(!updates(media).includes(plain.id), 'a status without images is not on public:media');
  assert.deepEqual(media.find((e) => payloadId(e) === last)!.stream, ['public:media']);
  await waitFor(() => updates(all).includes(last), 'the public stream');
  assert.ok(updates(all).includes(plain.id));
});
