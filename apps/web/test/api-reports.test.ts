// POST /api/v1/reports and roles on accounts, as Mastodon clients see them: raw requests in each body
// format, masto.js and megalodon, every refusal with Mastodon's status and body and nothing written,
// the report limit, and every response checked against /api/openapi.json.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRestAPIClient } from 'masto';
import generator from 'megalodon';
import { startApiServer } from '../../../test/support/api-server.ts';
import { apiFetch, type ApiRequest } from '../../../test/support/api-fetch.ts';
import { fixtures } from '../../../test/support/fixtures.ts';
import { sqlClient } from '../../../test/support/sql.ts';

const server = await startApiServer();
const { services } = server.app;
const f = fixtures(server.app);
const sql = sqlClient(server.app.databaseUrl);
const reportCount = () => sql.count('SELECT count(*) FROM reports');
const api = (method: string, path: string, req: ApiRequest = {}) => apiFetch(server.url, method, path, req);

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const aliceAccount = await f.account({ username: 'alice' });
const spammerAccount = await f.account({ username: 'spammer' });
const bystanderAccount = await f.account({ username: 'bystander' });
const alice = await f.token(aliceAccount);
const spammer = await f.token(spammerAccount);
const spam1 = await f.status(spammerAccount, 'Buy now! #deal');
const spam2 = await f.status(spammerAccount, 'Buy again!');
const innocent = await f.status(bystanderAccount, 'Just a post');

test('a report with statuses, category and comment answers Mastodon’s Report entity', async () => {
  const r = await api('POST', '/api/v1/reports', {
    token: alice.token,
    json: {
      account_id: spammerAccount.id,
      status_ids: [spam1.id, spam2.id],
      category: 'spam',
      comment: 'Floods my timeline',
      forward: true,
    },
  });
  assert.equal(r.status, 200, r.text);
  const body = r.body as Doc;
  assert.match(body.id, /^\d+$/);
  assert.equal(body.action_taken, false);
  assert.equal(body.action_taken_at, null);
  assert.equal(body.category, 'spam');
  assert.equal(body.comment, 'Floods my timeline');
  // There is no other server to forward to.
  assert.equal(body.forwarded, false);
  assert.match(body.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.deepEqual(body.status_ids, [spam1.id, spam2.id]);
  assert.equal(body.rule_ids, null);
  assert.equal(body.target_account.id, spammerAccount.id);
  assert.equal(body.target_account.acct, 'spammer');
  assert.deepEqual(Object.keys(body).sort(), [
    'action_taken',
    'action_taken_at',
    'category',
    'comment',
    'created_at',
    'forwarded',
    'id',
    'rule_ids',
    'status_ids',
    'target_account',
  ]);
  const [row] = await sql.rows<Doc>(
    'SELECT account_id::text, target_account_id::text, category, comment, status_ids::text[] FROM reports WHERE id = $1',
    [body.id],
  );
  assert.deepEqual(row, {
    account_id: aliceAccount.id,
    target_account_id: spammerAccount.id,
    category: 'spam',
    comment: 'Floods my timeline',
    status_ids: [spam1.id, spam2.id],
  });
});

test('form-encoded and multipart bodies, Rails brackets, Python booleans', async () => {
  const form = await api('POST', '/api/v1/reports', {
    token: alice.token,
    form: [
      ['account_id', spammerAccount.id],
      ['status_ids[]', spam1.id],
      ['category', 'legal'],
      ['forward', 'False'],
    ],
  });
  assert.equal(form.status, 200, form.text);
  assert.deepEqual([(form.body as Doc).category, (form.body as Doc).status_ids], ['legal', [spam1.id]]);
  const multipart = await api('POST', '/api/v1/reports', {
    token: alice.token,
    multipart: [
      ['account_id', spammerAccount.id],
      ['comment', 'by multipart'],
    ],
  });
  assert.equal(multipart.status, 200, multipart.text);
  assert.deepEqual(
    [(multipart.body as Doc).category, (multipart.body as Doc).comment],
    ['other', 'by multipart'],
  );
});

test('masto.js and megalodon file reports', async () => {
  const masto = createRestAPIClient({ url: server.url, accessToken: alice.token });
  const report = await masto.v1.reports.create({
    accountId: spammerAccount.id,
    statusIds: [spam2.id],
    category: 'spam',
    comment: 'via masto.js',
    forward: false,
  });
  assert.equal(report.targetAccount.id, spammerAccount.id);
  assert.deepEqual(report.statusIds, [spam2.id]);
  assert.equal(report.actionTaken, false);
  const mega = generator('mastodon', server.url, alice.token);
  const res = await mega.report(spammerAccount.id, { comment: 'via megalodon', status_ids: [spam1.id] });
  assert.equal(res.data.comment, 'via megalodon');
  assert.equal(res.data.target_account?.id, spammerAccount.id);
});

test('bad input: Mastodon’s status and error, nothing written', async () => {
  const cases: Array<[string, ApiRequest, number, string]> = [
    ['no token', { json: { account_id: spammerAccount.id } }, 401, 'The access token is invalid'],
    ['no account_id', { token: alice.token, json: { comment: 'who?' } }, 404, 'Record not found'],
    ['unknown account', { token: alice.token, json: { account_id: '123456789' } }, 404, 'Record not found'],
    ['malformed account id', { token: alice.token, json: { account_id: 'abc' } }, 404, 'Record not found'],
    [
      'statuses of another account',
      { token: alice.token, json: { account_id: spammerAccount.id, status_ids: [innocent.id] } },
      404,
      'Record not found',
    ],
    [
      'a status that does not exist',
      { token: alice.token, json: { account_id: spammerAccount.id, status_ids: [spam1.id, '99999999'] } },
      404,
      'Record not found',
    ],
    [
      'too long a comment',
      { token: alice.token, json: { account_id: spammerAccount.id, comment: 'x'.repeat(1001) } },
      422,
      'Validation failed: Comment is too long (maximum is 1000 characters)',
    ],
    [
      'reporting yourself',
      { token: alice.token, json: { account_id: aliceAccount.id } },
      422,
      'Validation failed: You cannot report yourself',
    ],
    [
      'an unknown category',
      { token: alice.token, json: { account_id: spammerAccount.id, category: 'rude' } },
      422,
      'Validation failed: Category is not included in the list',
    ],
    [
      'a violation without rules',
      { token: alice.token, json: { account_id: spammerAccount.id, category: 'violation' } },
      422,
      'Validation failed: Rule ids does not reference valid rules',
    ],
    [
      'rule ids (there are no rules)',
      { token: alice.token, json: { account_id: spammerAccount.id, rule_ids: ['1'] } },
      422,
      'Validation failed: Rule ids does not reference valid rules',
    ],
    [
      'a comment that is not text',
      { token: alice.token, json: { account_id: spammerAccount.id, comment: { a: 1 } } },
      422,
      'Validation failed: comment must be string',
    ],
  ];
  for (const [label, req, status, error] of cases) {
    const before = await reportCount();
    const r = await api('POST', '/api/v1/reports', req);
    assert.equal(r.status, status, `${label}: ${r.text}`);
    assert.deepEqual(r.body, { error }, label);
    assert.equal(await reportCount(), before, `${label}: nothing written`);
  }
});

test('scopes: write:reports (or write) is needed, and a user', async () => {
  const readOnly = await f.token(aliceAccount, 'read');
  const granular = await f.token(aliceAccount, 'write:reports');
  const appOnly = await f.token(null, 'write');
  const before = await reportCount();
  const post = (token: string) =>
    api('POST', '/api/v1/reports', { token, json: { account_id: spammerAccount.id } });
  const refused = await post(readOnly.token);
  assert.equal(refused.status, 403);
  assert.deepEqual(refused.body, { error: 'This action is outside the authorized scopes' });
  const noUser = await post(appOnly.token);
  assert.deepEqual(noUser.body, { error: 'This method requires an authenticated user' });
  assert.equal(await reportCount(), before);
  assert.equal((await post(granular.token)).status, 200);
});

test('the reported account learns nothing: no notification, nothing in its API', async () => {
  const notifications = await api('GET', '/api/v1/notifications', { token: spammer.token });
  assert.deepEqual(notifications.body, []);
  const me = await api('GET', '/api/v1/accounts/verify_credentials', { token: spammer.token });
  assert.doesNotMatch(me.text, /alice/);
});

test('roles: CredentialAccount `role`, and Account `roles` for a moderator or an admin', async () => {
  const me = async () =>
    (await api('GET', '/api/v1/accounts/verify_credentials', { token: alice.token })).body as Doc;
  assert.deepEqual((await me()).role, {
    id: '-99',
    name: '',
    color: '',
    permissions: '65536',
    highlighted: false,
  });
  assert.deepEqual((await me()).roles, []);
  await services.admin.setRole('alice', 'moderator');
  assert.deepEqual((await me()).role, {
    id: '1',
    name: 'Moderator',
    color: '',
    permissions: String(0x10 | 0x400),
    highlighted: true,
  });
  const shown = (await api('GET', `/api/v1/accounts/${aliceAccount.id}`)).body as Doc;
  assert.deepEqual(shown.roles, [{ id: '1', name: 'Moderator', color: '' }]);
  await services.admin.setRole('alice', 'admin');
  assert.deepEqual((await me()).role, {
    id: '2',
    name: 'Admin',
    color: '',
    permissions: '1',
    highlighted: true,
  });
  // The author of a status carries the role too.
  const status = await f.status(aliceAccount, 'from the admin');
  const got = (await api('GET', `/api/v1/statuses/${status.id}`)).body as Doc;
  assert.deepEqual(got.account.roles, [{ id: '2', name: 'Admin', color: '' }]);
  await services.admin.setRole('alice', 'user');
  assert.deepEqual((await me()).roles, []);
});

test('past RATE_LIMIT_REPORTS in an hour: 429, nothing written; per account', async () => {
  const limited = await startApiServer({ RATE_LIMIT_REPORTS: '2' });
  const lf = fixtures(limited.app);
  const target = await lf.account({ username: 'target' });
  const reporter = await lf.token(await lf.account({ username: 'eager' }));
  const post = (token: string) =>
    apiFetch(limited.url, 'POST', '/api/v1/reports', { token, json: { account_id: target.id } });
  assert.equal((await post(reporter.token)).status, 200);
  assert.equal((await post(reporter.token)).status, 200);
  const lsql = sqlClient(limited.app.databaseUrl);
  const before = await lsql.count('SELECT count(*) FROM reports');
  const third = await post(reporter.token);
  assert.equal(third.status, 429);
  assert.deepEqual(third.body, { error: 'Too many requests' });
  assert.equal(await lsql.count('SELECT count(*) FROM reports'), before);
  const other = await lf.token(await lf.account({ username: 'calm' }));
  assert.equal((await post(other.token)).status, 200);
});

test('every response matches the OpenAPI document', async () => {
  assert.deepEqual(await server.openApiProblems(), []);
});
