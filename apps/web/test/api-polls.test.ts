// Polls in the client API: posting one (JSON and form), Mastodon's Poll entity on statuses and at
// /api/v1/polls/:id, voting with every refusal Mastodon makes (exact error, nothing written), counts
// kept in the vote's transaction and seen at once through the read cache, viewer flags read per
// viewer, hidden totals, edits that reset votes, visibility (404), and the expiry job's closing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startApiServer } from '../../../test/support/api-server.ts';
import { apiFetch } from '../../../test/support/api-fetch.ts';
import { fixtures } from '../../../test/support/fixtures.ts';
import { refusedUnchanged, sqlClient } from '../../../test/support/sql.ts';

const server = await startApiServer();
const { services } = server.app;
const api = <T = unknown>(method: string, path: string, req: Parameters<typeof apiFetch>[3] = {}) =>
  apiFetch<T>(server.url, method, path, req);
const f = fixtures(server.app);
const sql = sqlClient(server.app.databaseUrl);

const alice = await f.token(await f.account({ username: 'alice' }));
const bob = await f.token(await f.account({ username: 'bob' }));
const carol = await f.token(await f.account({ username: 'carol' }));

interface PollJson {
  id: string;
  expires_at: string;
  expired: boolean;
  multiple: boolean;
  votes_count: number;
  voters_count: number;
  options: Array<{ title: string; votes_count: number | null }>;
  emojis: unknown[];
  voted?: boolean;
  own_votes?: number[];
}
interface StatusJson {
  id: string;
  poll: PollJson | null;
}

const written = async () => ({
  statuses: await sql.count('SELECT count(*) FROM statuses'),
  polls: await sql.count('SELECT count(*) FROM polls'),
  votes: await sql.rows('SELECT poll_id, account_id, choices FROM poll_votes ORDER BY poll_id, account_id'),
  jobs: await sql.count(`SELECT count(*) FROM graphile_worker.jobs WHERE task_identifier = 'poll-expiry'`),
});

const refused = refusedUnchanged(written);

async function post(token: string, poll: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const r = await api<StatusJson>('POST', '/api/v1/statuses', {
    token,
    json: { status: 'Which one?', poll, ...extra },
  });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

test('a poll is posted (JSON and form) with Mastodon entity shape, its closing job enqueued with it', async () => {
  const before = Date.now();
  const s = await post(alice.token, { options: [' Tea ', 'Coffee', ''], expires_in: 3600 });
  const poll = s.poll!;
  assert.equal(poll.id, s.id);
  assert.deepEqual(poll.options, [
    { title: 'Tea', votes_count: 0 },
    { title: 'Coffee', votes_count: 0 },
  ]);
  assert.equal(poll.multiple, false);
  assert.equal(poll.expired, false);
  assert.equal(poll.votes_count, 0);
  assert.equal(poll.voters_count, 0);
  assert.deepEqual(poll.emojis, []);
  assert.equal(poll.voted, true, 'the author counts as having voted, as on Mastodon');
  assert.deepEqual(poll.own_votes, []);
  const ends = Date.parse(poll.expires_at);
  assert.ok(ends >= before + 3600_000 - 1000 && ends <= Date.now() + 3600_000 + 1000);
  const [job] = await sql.rows<{ run_at: Date; key: string }>(
    `SELECT run_at, key FROM graphile_worker.jobs WHERE task_identifier = 'poll-expiry' AND key = $1`,
    [`poll-expiry:${s.id}`],
  );
  assert.equal(job!.run_at.getTime(), ends, 'the job runs at the end');

  const form = await api<StatusJson>('POST', '/api/v1/statuses', {
    token: alice.token,
    form: [
      ['status', 'Pick any'],
      ['poll[options][]', 'a'],
      ['poll[options][]', 'b'],
      ['poll[options][]', 'c'],
      ['poll[expires_in]', '300'],
      ['poll[multiple]', 'true'],
      ['poll[hide_totals]', '0'],
    ],
  });
  assert.equal(form.status, 200, JSON.stringify(form.body));
  assert.equal(form.body.poll!.multiple, true);
  assert.deepEqual(
    form.body.poll!.options.map((o) => o.title),
    ['a', 'b', 'c'],
  );
  // Anonymous readers get no viewer flags; statuses without a poll have null.
  const anon = await api<StatusJson>('GET', `/api/v1/statuses/${s.id}`);
  assert.equal(anon.body.poll!.voted, undefined);
  assert.equal(anon.body.poll!.own_votes, undefined);
  const plain = await api<StatusJson>('POST', '/api/v1/statuses', {
    token: alice.token,
    json: { status: 'no poll' },
  });
  assert.equal(plain.body.poll, null);
  // The instance documents advertise the limits.
  for (const path of ['/api/v1/instance', '/api/v2/instance']) {
    const doc = await api<{ configuration: { polls: unknown } }>('GET', path);
    assert.deepEqual(doc.body.configuration.polls, {
      max_options: 4,
      max_characters_per_option: 50,
      min_expiration: 300,
      max_expiration: 2629746,
    });
  }
});

test('a bad poll is refused with Mastodon’s words and nothing is written', async () => {
  const create =
    (poll: unknown, extra: Record<string, unknown> = {}) =>
    () =>
      api('POST', '/api/v1/statuses', { token: alice.token, json: { status: 'q', poll, ...extra } });
  await refused(
    create({ options: ['only'], expires_in: 300 }),
    422,
    'Validation failed: Poll options must have more than one item',
  );
  await refused(
    create({ options: ['a', 'b', 'c', 'd', 'e'], expires_in: 300 }),
    422,
    "Validation failed: Poll options can't contain more than 4 items",
  );
  await refused(
    create({ options: ['a', 'x'.repeat(51)], expires_in: 300 }),
    422,
    'Validation failed: Poll options cannot be longer than 50 characters each',
  );
  await refused(
    create({ options: ['a', 'a'], expires_in: 300 }),
    422,
    'Validation failed: Poll options contain duplicate items',
  );
  await refused(
    create({ options: ['a', 'b'], expires_in: 299 }),
    422,
    'Validation failed: Poll expires at is too soon',
  );
  await refused(
    create({ options: ['a', 'b'], expires_in: 2629747 }),
    422,
    'Validation failed: Poll expires at is too far into the future',
  );
  await refused(
    create({ options: ['a', 'b'] }),
    422,
    'Validation failed: Poll expires in must be a whole number of seconds',
  );
  await refused(
    create({ options: ['a', 'b'], expires_in: 'soon' }),
    422,
    'Validation failed: Poll expires in must be a whole number of seconds',
  );
  // A poll and media together: Mastodon counts the poll as one too many attachments.
  await refused(
    create({ options: ['a', 'b'], expires_in: 300 }, { media_ids: ['1'] }),
    422,
    'Cannot attach more than 4 files',
  );
  // 50 characters are counted as graphemes: 50 flags are fine.
  const ok = await post(alice.token, { options: ['🇫🇷'.repeat(50), 'b'], expires_in: 300 });
  assert.equal(ok.poll!.options[0]!.title, '🇫🇷'.repeat(50));
});

test('voting: counts move in the vote’s transaction, voted and own_votes are each viewer’s own', async () => {
  const s = await post(alice.token, { options: ['red', 'green', 'blue'], expires_in: 600 });
  // Read by carol first, so her process has the card cached.
  const seen = await api<StatusJson>('GET', `/api/v1/statuses/${s.id}`, { token: carol.token });
  assert.equal(seen.body.poll!.voted, false);

  const voted = await api<PollJson>('POST', `/api/v1/polls/${s.id}/votes`, {
    token: bob.token,
    json: { choices: ['1'] },
  });
  assert.equal(voted.status, 200, JSON.stringify(voted.body));
  assert.equal(voted.body.voted, true);
  assert.deepEqual(voted.body.own_votes, [1]);
  assert.equal(voted.body.votes_count, 1);
  assert.equal(voted.body.voters_count, 1);
  assert.deepEqual(
    voted.body.options.map((o) => o.votes_count),
    [0, 1, 0],
  );
  // Carol sees the new count at once (the card was dropped), and her own flags, not bob's.
  const carolView = await api<StatusJson>('GET', `/api/v1/statuses/${s.id}`, { token: carol.token });
  assert.equal(carolView.body.poll!.votes_count, 1);
  assert.equal(carolView.body.poll!.voted, false);
  assert.deepEqual(carolView.body.poll!.own_votes, []);
  const timeline = await api<StatusJson[]>('GET', '/api/v1/timelines/public', { token: carol.token });
  assert.equal(timeline.body.find((x) => x.id === s.id)!.poll!.voted, false);
  const bobTimeline = await api<StatusJson[]>('GET', '/api/v1/timelines/public', { token: bob.token });
  assert.deepEqual(bobTimeline.body.find((x) => x.id === s.id)!.poll!.own_votes, [1]);
  const got = await api<PollJson>('GET', `/api/v1/polls/${s.id}`, { token: bob.token });
  assert.deepEqual(got.body.own_votes, [1]);
  const anon = await api<PollJson>('GET', `/api/v1/polls/${s.id}`);
  assert.equal(anon.status, 200);
  assert.equal(anon.body.voted, undefined);

  // Carol as a number in JSON; a second poll with several choices.
  const again = await api<PollJson>('POST', `/api/v1/polls/${s.id}/votes`, {
    token: carol.token,
    json: { choices: [1] },
  });
  assert.equal(again.body.votes_count, 2);
  const multi = await post(alice.token, { options: ['x', 'y', 'z'], expires_in: 600, multiple: true });
  const both = await api<PollJson>('POST', `/api/v1/polls/${multi.id}/votes`, {
    token: bob.token,
    form: [
      ['choices[]', '2'],
      ['choices[]', '0'],
    ],
  });
  assert.equal(both.status, 200, JSON.stringify(both.body));
  assert.deepEqual(both.body.own_votes, [0, 2]);
  assert.equal(both.body.votes_count, 2);
  assert.equal(both.body.voters_count, 1);
  assert.deepEqual(
    (await server.openApiProblems()).filter((p) => p.includes('poll')),
    [],
  );
});

test('votes refused as Mastodon refuses them; nothing is written', async () => {
  const s = await post(alice.token, { options: ['a', 'b'], expires_in: 600 });
  const vote =
    (token: string, body: unknown, id = s.id) =>
    () =>
      api('POST', `/api/v1/polls/${id}/votes`, { token, json: body });
  await refused(
    vote(alice.token, { choices: [0] }),
    422,
    'Validation failed: You cannot vote in your own polls',
  );
  await refused(
    vote(bob.token, { choices: [2] }),
    422,
    'Validation failed: The chosen vote option does not exist',
  );
  await refused(
    vote(bob.token, { choices: ['-1'] }),
    422,
    'Validation failed: The chosen vote option does not exist',
  );
  await refused(
    vote(bob.token, { choices: [0, 1] }),
    422,
    'Validation failed: You have already voted on this poll',
  );
  await refused(vote(bob.token, {}), 400, 'param is missing or the value is empty: choices');
  await refused(vote(bob.token, { choices: [] }), 400, 'param is missing or the value is empty: choices');
  const first = await api('POST', `/api/v1/polls/${s.id}/votes`, {
    token: bob.token,
    json: { choices: [0] },
  });
  assert.equal(first.status, 200);
  await refused(
    vote(bob.token, { choices: [1] }),
    422,
    'Validation failed: You have already voted on this poll',
  );
  // No such poll: a status without one, or none at all.
  const plain = await api<StatusJson>('POST', '/api/v1/statuses', {
    token: alice.token,
    json: { status: 'no poll' },
  });
  await refused(vote(bob.token, { choices: [0] }, plain.body.id), 404, 'Record not found');
  await refused(vote(bob.token, { choices: [0] }, '999999999'), 404, 'Record not found');
  await refused(() => api('GET', `/api/v1/polls/${plain.body.id}`), 404, 'Record not found');
  // An app token cannot vote; a token without write:statuses neither.
  const app = await f.token(null, 'read write');
  await refused(vote(app.token, { choices: [0] }), 401, 'This method requires an authenticated user');
  const reader = await f.token(await f.account({ username: 'reader' }), 'read');
  await refused(vote(reader.token, { choices: [0] }), 403, 'This action is outside the authorized scopes');
  // Ended: refused, whoever votes.
  await sql.rows(`UPDATE polls SET expires_at = now() - interval '1 second' WHERE status_id = $1`, [s.id]);
  await refused(vote(carol.token, { choices: [0] }), 422, 'Validation failed: The poll has already ended');
});

test('a poll the viewer may not see is 404 for reading and voting', async () => {
  const followersOnly = await post(
    alice.token,
    { options: ['a', 'b'], expires_in: 600 },
    { visibility: 'private' },
  );
  await refused(
    () => api('GET', `/api/v1/polls/${followersOnly.id}`, { token: bob.token }),
    404,
    'Record not found',
  );
  await refused(() => api('GET', `/api/v1/polls/${followersOnly.id}`), 404, 'Record not found');
  await refused(
    () =>
      api('POST', `/api/v1/polls/${followersOnly.id}/votes`, { token: bob.token, json: { choices: [0] } }),
    404,
    'Record not found',
  );
  // Following alice shows it: then bob may vote.
  await api('POST', `/api/v1/accounts/${alice.accountId}/follow`, { token: bob.token });
  const ok = await api('POST', `/api/v1/polls/${followersOnly.id}/votes`, {
    token: bob.token,
    json: { choices: [0] },
  });
  assert.equal(ok.status, 200);
  // A block hides it both ways.
  const open = await post(alice.token, { options: ['a', 'b'], expires_in: 600 });
  await api('POST', `/api/v1/accounts/${carol.accountId}/block`, { token: alice.token });
  await refused(
    () => api('POST', `/api/v1/polls/${open.id}/votes`, { token: carol.token, json: { choices: [0] } }),
    404,
    'Record not found',
  );
  await refused(
    () => api('GET', `/api/v1/polls/${open.id}`, { token: carol.token }),
    404,
    'Record not found',
  );
  await api('POST', `/api/v1/accounts/${carol.accountId}/unblock`, { token: alice.token });
});

test('hide_totals hides the counts per option until the poll ends', async () => {
  const s = await post(alice.token, { options: ['a', 'b'], expires_in: 600, hide_totals: true });
  const voted = await api<PollJson>('POST', `/api/v1/polls/${s.id}/votes`, {
    token: bob.token,
    json: { choices: [1] },
  });
  assert.deepEqual(
    voted.body.options.map((o) => o.votes_count),
    [null, null],
  );
  assert.equal(voted.body.votes_count, 1, 'the total is shown, as on Mastodon');
  await sql.rows(`UPDATE polls SET expires_at = now() - interval '1 second' WHERE status_id = $1`, [s.id]);
  const ended = await api<PollJson>('GET', `/api/v1/polls/${s.id}`, { token: carol.token });
  assert.equal(ended.body.expired, true);
  assert.deepEqual(
    ended.body.options.map((o) => o.votes_count),
    [0, 1],
  );
});

test('edits: the same options keep the votes, changed options reset them, no poll removes it', async () => {
  const s = await post(alice.token, { options: ['a', 'b'], expires_in: 600 });
  await api('POST', `/api/v1/polls/${s.id}/votes`, { token: bob.token, json: { choices: [0] } });
  const edit = (poll?: unknown) =>
    api<StatusJson>('PUT', `/api/v1/statuses/${s.id}`, {
      token: alice.token,
      json: { status: 'Which?', poll },
    });
  const same = await edit({ options: ['a', 'b'], expires_in: 1200, hide_totals: false });
  assert.equal(same.status, 200, JSON.stringify(same.body));
  assert.equal(same.body.poll!.votes_count, 1, 'votes kept');
  const bobView = await api<PollJson>('GET', `/api/v1/polls/${s.id}`, { token: bob.token });
  assert.deepEqual(bobView.body.own_votes, [0]);
  const changed = await edit({ options: ['a', 'b', 'c'], expires_in: 1200 });
  assert.equal(changed.body.poll!.votes_count, 0, 'votes reset');
  assert.deepEqual(
    changed.body.poll!.options.map((o) => o.votes_count),
    [0, 0, 0],
  );
  const bobAfter = await api<PollJson>('GET', `/api/v1/polls/${s.id}`, { token: bob.token });
  assert.equal(bobAfter.body.voted, false, "bob's vote went with the old options");
  assert.equal(await sql.count('SELECT count(*) FROM poll_votes WHERE poll_id = $1', [s.id]), 0);
  const [job] = await sql.rows<{ run_at: Date }>(`SELECT run_at FROM graphile_worker.jobs WHERE key = $1`, [
    `poll-expiry:${s.id}`,
  ]);
  assert.equal(
    job!.run_at.getTime(),
    Date.parse(changed.body.poll!.expires_at),
    'the job moved to the new end',
  );
  // A bad poll in an edit: refused, nothing written.
  await refused(
    () =>
      api('PUT', `/api/v1/statuses/${s.id}`, {
        token: alice.token,
        json: { status: 'x', poll: { options: ['a'], expires_in: 600 } },
      }),
    422,
    'Validation failed: Poll options must have more than one item',
  );
  const removed = await edit(undefined);
  assert.equal(removed.body.poll, null);
  assert.equal(await sql.count('SELECT count(*) FROM polls WHERE status_id = $1', [s.id]), 0);
  assert.equal(
    await sql.count('SELECT count(*) FROM graphile_worker.jobs WHERE key = $1', [`poll-expiry:${s.id}`]),
    0,
  );
});

test('at its end the job closes the poll and notifies its voters and its author', async () => {
  const s = await post(alice.token, { options: ['a', 'b'], expires_in: 600, multiple: true });
  await api('POST', `/api/v1/polls/${s.id}/votes`, { token: bob.token, json: { choices: [0, 1] } });
  await api('POST', `/api/v1/polls/${s.id}/votes`, { token: carol.token, json: { choices: [1] } });
  assert.equal(await services.polls.close({ statusId: s.id }), 'not-yet', 'not before its end');
  await sql.rows(`UPDATE polls SET expires_at = now() - interval '1 second' WHERE status_id = $1`, [s.id]);
  assert.equal(await services.polls.close({ statusId: s.id }), 'closed');
  assert.equal(
    await services.polls.close({ statusId: s.id }),
    'already-closed',
    'closing twice notifies once',
  );
  for (const who of [alice, bob, carol]) {
    const list = await api<Array<{ type: string; status: StatusJson; account: { id: string } }>>(
      'GET',
      '/api/v1/notifications?types[]=poll',
      { token: who.token },
    );
    const n = list.body.filter((x) => x.status?.id === s.id);
    assert.equal(n.length, 1, `one poll notification for ${who.accountId}`);
    assert.equal(n[0]!.account.id, alice.accountId, 'from the author');
    assert.equal(n[0]!.status.poll!.expired, true);
  }
  const poll = (await api<PollJson>('GET', `/api/v1/polls/${s.id}`)).body;
  assert.equal(poll.votes_count, 3);
  assert.equal(poll.voters_count, 2);
  assert.deepEqual(
    poll.options.map((o) => o.votes_count),
    [1, 2],
  );
  // A deleted status's job finds nothing to close.
  await api('DELETE', `/api/v1/statuses/${s.id}`, { token: alice.token });
  assert.equal(await services.polls.close({ statusId: s.id }), 'gone');
});
