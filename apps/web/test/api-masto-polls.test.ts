// Polls through masto.js: statuses.create with a poll, polls.$select(id).votes.create and .fetch,
// the Poll entity as masto.js reads it (camelCase), a refusal as its MastoHttpError, and every
// response checked against /api/openapi.json.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRestAPIClient } from 'masto';
import { startApiServer } from '../../../test/support/api-server.ts';
import { fixtures } from '../../../test/support/fixtures.ts';

const server = await startApiServer();
const f = fixtures(server.app);
const client = async (username: string) =>
  createRestAPIClient({
    url: server.url,
    accessToken: (await f.token(await f.account({ username }))).token,
  });
const alice = await client('alice');
const bob = await client('bob');

test('masto.js posts a poll, votes, fetches it, and gets Mastodon’s refusal of a second vote', async () => {
  const status = await alice.v1.statuses.create({
    status: 'Cats or dogs?',
    poll: { options: ['Cats', 'Dogs', 'Both'], expiresIn: 86400, multiple: true, hideTotals: false },
  });
  assert.ok(status.poll);
  assert.equal(status.poll.id, status.id);
  assert.deepEqual(
    status.poll.options.map((o) => o.title),
    ['Cats', 'Dogs', 'Both'],
  );
  assert.equal(status.poll.multiple, true);
  assert.equal(status.poll.expired, false);

  const voted = await bob.v1.polls.$select(status.poll.id).votes.create({ choices: [0, 2] });
  assert.equal(voted.voted, true);
  assert.deepEqual(voted.ownVotes, [0, 2]);
  assert.equal(voted.votesCount, 2);
  assert.equal(voted.votersCount, 1);
  assert.deepEqual(
    voted.options.map((o) => o.votesCount),
    [1, 0, 1],
  );
  const fetched = await alice.v1.polls.$select(status.poll.id).fetch();
  assert.equal(fetched.voted, true, 'the author counts as having voted');
  assert.deepEqual(fetched.ownVotes, []);
  const home = await alice.v1.timelines.home.list();
  assert.equal(home.find((s) => s.id === status.id)?.poll?.votesCount, 2);

  await assert.rejects(
    bob.v1.polls.$select(status.poll.id).votes.create({ choices: [1] }),
    (error: Error) => {
      assert.equal((error as Error & { statusCode?: number }).statusCode, 422);
      assert.equal(error.message, 'Validation failed: You have already voted on this poll');
      return true;
    },
  );
  const instance = await bob.v2.instance.fetch();
  assert.equal(instance.configuration.polls.maxOptions, 4);
  assert.deepEqual(await server.openApiProblems(), []);
});
