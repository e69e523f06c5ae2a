// masto.js against edit history and pins: statuses.$select(id).history.list(), .source.fetch(),
// .pin(), .unpin(), accounts.$select(id).statuses.list({ pinned: true }), and the refusals it raises
// with Mastodon's texts. Every response is then checked against /api/openapi.json.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRestAPIClient } from 'masto';
import { startApiServer } from '../../../test/support/api-server.ts';
import { fixtures } from '../../../test/support/fixtures.ts';

const server = await startApiServer();
const f = fixtures(server.app);
const client = async (username: string) => {
  const account = await f.account({ username });
  const { token } = await f.token(account);
  return { id: account.id, api: createRestAPIClient({ url: server.url, accessToken: token }) };
};
const alice = await client('alice');
const bob = await client('bob');

test('history and source of an edited status', async () => {
  const posted = await alice.api.v1.statuses.create({ status: 'Draft one', spoilerText: 'Drafts' });
  await alice.api.v1.statuses.$select(posted.id).update({ status: 'Draft two', spoilerText: '' });
  const history = await bob.api.v1.statuses.$select(posted.id).history.list();
  assert.deepEqual(
    history.map((v) => [v.content, v.spoilerText, v.sensitive]),
    [
      ['<p>Draft one</p>', 'Drafts', true],
      ['<p>Draft two</p>', '', false],
    ],
  );
  assert.equal(history[0]!.createdAt, posted.createdAt);
  assert.equal(history[1]!.account.id, alice.id);
  const source = await alice.api.v1.statuses.$select(posted.id).source.fetch();
  assert.deepEqual(source, { id: posted.id, text: 'Draft two', spoilerText: '' });
});

test('pin, list pinned, unpin; pinning another’s status is refused', async () => {
  const mine = await alice.api.v1.statuses.create({ status: 'Read this first', visibility: 'unlisted' });
  const pinned = await alice.api.v1.statuses.$select(mine.id).pin();
  assert.equal(pinned.pinned, true);
  const listed = await bob.api.v1.accounts.$select(alice.id).statuses.list({ pinned: true });
  assert.deepEqual(
    listed.map((s) => s.id),
    [mine.id],
  );
  assert.equal(listed[0]!.pinned, undefined, 'only the author is told');
  const unpinned = await alice.api.v1.statuses.$select(mine.id).unpin();
  assert.equal(unpinned.pinned, false);
  assert.deepEqual(await alice.api.v1.accounts.$select(alice.id).statuses.list({ pinned: true }), []);
  await assert.rejects(bob.api.v1.statuses.$select(mine.id).pin(), {
    statusCode: 422,
    message: "Validation failed: Someone else's post cannot be pinned",
  });
});

test('every response matches the OpenAPI document', async () => {
  assert.deepEqual(await server.openApiProblems(), []);
});
