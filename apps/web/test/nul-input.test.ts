// NUL characters in any input (issue 10, item 14): PostgreSQL cannot store them in text, so the edge
// refuses them before any service runs — the API with Mastodon's 422 (body) or 400 (query, path),
// the OAuth endpoints in RFC 6749's form, the website with a page naming the field — and nothing is
// written. Never a 500.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startApiServer } from '../../../test/support/api-server.ts';
import { apiFetch, type ApiRequest } from '../../../test/support/api-fetch.ts';
import {
  composeState,
  errorPageOf,
  fieldError,
  fieldErrors,
  inputValue,
} from '../../../test/support/page-checks.ts';
import { fixtures, loggedIn } from '../../../test/support/fixtures.ts';
import { SiteClient } from '../../../test/support/site-client.ts';
import { sqlClient } from '../../../test/support/sql.ts';

const server = await startApiServer();
const api = (method: string, path: string, req: ApiRequest = {}) => apiFetch(server.url, method, path, req);
const f = fixtures(server.app);
const sql = sqlClient(server.app.databaseUrl);
const rows = (table: string) => sql.count(`SELECT count(*) FROM ${table}`);
const NUL = '\u0000';
const client = await f.oauthApp();
const alice = await f.account({ username: 'alice' });
const token = await f.token(alice);

async function refused(
  request: () => Promise<{ status: number; body: unknown }>,
  status: number,
  body: unknown,
  table: string,
) {
  const before = await rows(table);
  const result = await request();
  assert.equal(result.status, status);
  assert.deepEqual(result.body, body);
  assert.equal(await rows(table), before, `nothing written to ${table}`);
}

describe('the API', () => {
  test('POST /api/v1/apps: client_name, website, redirect_uris (text or list) and scopes', async () => {
    const good = { client_name: 'App', redirect_uris: 'https://app.example/cb', scopes: 'read' };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...good, client_name: `App${NUL}` }, 'client_name'],
      [{ ...good, website: `https://app.example/${NUL}` }, 'website'],
      [{ ...good, redirect_uris: `https://app.example/cb${NUL}` }, 'redirect_uris'],
      [
        { ...good, redirect_uris: ['https://app.example/cb', `https://app.example/${NUL}`] },
        'redirect_uris[1]',
      ],
      [{ ...good, scopes: `read${NUL}` }, 'scopes'],
    ];
    for (const [json, name] of cases) {
      const error = `Validation failed: ${name} must not contain NUL characters`;
      await refused(() => api('POST', '/api/v1/apps', { json }), 422, { error }, 'oauth_apps');
    }
    // As a form too, and as the query string a write merges in.
    await refused(
      () => api('POST', '/api/v1/apps', { form: { ...good, client_name: `App${NUL}` } }),
      422,
      { error: 'Validation failed: client_name must not contain NUL characters' },
      'oauth_apps',
    );
    await refused(
      () => api('POST', `/api/v1/apps?website=${encodeURIComponent(NUL)}`, { json: good }),
      422,
      { error: 'Validation failed: website must not contain NUL characters' },
      'oauth_apps',
    );
  });

  test('POST /oauth/token and /oauth/revoke: client_id and the rest, in RFC 6749 form', async () => {
    const invalid = (name: string) => ({
      error: 'invalid_request',
      error_description: `${name} must not contain NUL characters.`,
    });
    const creds = { client_id: client.clientId, client_secret: client.clientSecret };
    await refused(
      () =>
        api('POST', '/oauth/token', {
          json: { grant_type: 'client_credentials', ...creds, client_id: `${client.clientId}${NUL}` },
        }),
      400,
      invalid('client_id'),
      'oauth_tokens',
    );
    await refused(
      () =>
        api('POST', '/oauth/token', {
          form: {
            grant_type: 'authorization_code',
            ...creds,
            code: `x${NUL}`,
            redirect_uri: client.redirectUri,
          },
        }),
      400,
      invalid('code'),
      'oauth_tokens',
    );
    const revoked = () => sql.count('SELECT count(*) FROM oauth_tokens WHERE revoked_at IS NOT NULL');
    const before = await revoked();
    for (const body of [
      { ...creds, client_id: NUL, token: token.token },
      { ...creds, token: `${token.token}${NUL}` },
    ]) {
      const r = await api('POST', '/oauth/revoke', { json: body });
      assert.equal(r.status, 400);
      assert.deepEqual(r.body, invalid(body.client_id === NUL ? 'client_id' : 'token'));
    }
    assert.equal(await revoked(), before);
  });

  test('query strings: 400 with the parameter named; paths: 404', async () => {
    const search = await api('GET', `/api/v2/search?q=${encodeURIComponent(`a${NUL}b`)}`, {
      token: token.token,
    });
    assert.equal(search.status, 400);
    assert.deepEqual(search.body, { error: 'q must not contain NUL characters' });
    const lookup = await api('GET', `/api/v1/accounts/lookup?acct=alice%00`, { token: token.token });
    assert.equal(lookup.status, 400);
    assert.deepEqual(lookup.body, { error: 'acct must not contain NUL characters' });
    // A path with NUL names no record.
    const path = await api('GET', '/api/v1/accounts/1%00', { token: token.token });
    assert.equal(path.status, 404);
    assert.deepEqual(path.body, { error: 'Record not found' });
  });

  test('a status, and a NUL hidden in a parameter name or deep in JSON', async () => {
    await refused(
      () => api('POST', '/api/v1/statuses', { token: token.token, json: { status: `hi${NUL}` } }),
      422,
      { error: 'Validation failed: status must not contain NUL characters' },
      'statuses',
    );
    await refused(
      () => api('POST', '/api/v1/statuses', { token: token.token, json: { status: 'hi', [`x${NUL}`]: 'y' } }),
      422,
      { error: 'Validation failed: x\\0 must not contain NUL characters' },
      'statuses',
    );
    const deep = `{"status": "hi", "deep": ${'['.repeat(10_000)}"\\u0000"${']'.repeat(10_000)}}`;
    const r = await api('POST', '/api/v1/statuses', {
      token: token.token,
      raw: { type: 'application/json', body: deep },
    });
    assert.equal(r.status, 422);
    assert.match(
      (r.body as { error: string }).error,
      /^Validation failed: deep\[0\]\[0\].*\[0\] must not contain NUL characters$/,
    );
  });
});

describe('the website', () => {
  test('GET /oauth/authorize with NUL in client_id (or another parameter): the 400 page', async () => {
    const site = await loggedIn(server.url, alice);
    for (const q of [
      { client_id: `${client.clientId}${NUL}`, redirect_uri: client.redirectUri } as Record<string, string>,
      { client_id: client.clientId, redirect_uri: `${client.redirectUri}${NUL}` },
      { client_id: client.clientId, redirect_uri: client.redirectUri, state: NUL },
    ]) {
      const page = await site.get(`/oauth/authorize?${new URLSearchParams({ response_type: 'code', ...q })}`);
      assert.equal(page.status, 400);
      assert.equal(page.location, null);
      assert.equal(errorPageOf(page).text, 'The address is not valid.');
    }
  });

  test('POST /oauth/authorize with NUL in client_id: refused, no code issued', async () => {
    const site = await loggedIn(server.url, alice);
    await site.get('/');
    const codes = await rows('oauth_codes');
    const page = await site.post('/oauth/authorize', {
      client_id: `${client.clientId}${NUL}`,
      redirect_uri: client.redirectUri,
      scope: 'read',
      decision: 'approve',
    });
    assert.equal(page.status, 422);
    assert.equal(errorPageOf(page).text, 'Client id contains a character that is not allowed (NUL).');
    assert.equal(await rows('oauth_codes'), codes);
  });

  test('forms show the refusal next to the field, keep what was typed, and write nothing', async () => {
    const message = (label: string) => `${label} contains a character that is not allowed (NUL).`;
    const visitor = new SiteClient(server.url);
    const accounts = await rows('accounts');
    for (const [name, label] of [
      ['username', 'Username'],
      ['email', 'Email'],
      ['password', 'Password'],
    ] as const) {
      await visitor.get('/signup');
      const fields = { username: 'nul_user', email: 'nul@example.com', password: 'p'.repeat(12) };
      const page = await visitor.post('/signup', { ...fields, [name]: `x${NUL}y` });
      assert.equal(page.status, 422, name);
      assert.deepEqual(fieldErrors(page), { [name]: message(label) });
    }
    assert.equal(await rows('accounts'), accounts);
    await visitor.get('/login');
    const login = await visitor.post('/login', { login: `alice${NUL}`, password: 'x' });
    assert.equal(login.status, 422);
    assert.equal(fieldError(login, 'login'), message('Login'));
    assert.equal(inputValue(login, 'login'), `alice${NUL}`);
    await visitor.get('/password/forgot');
    const jobs = await rows('graphile_worker.jobs');
    const forgot = await visitor.post('/password/forgot', { email: `alice${NUL}@example.com` });
    assert.equal(forgot.status, 422);
    assert.equal(fieldError(forgot, 'email'), message('Email'));
    assert.equal(await rows('graphile_worker.jobs'), jobs);

    const site = await loggedIn(server.url, alice);
    await site.get('/');
    const statuses = await rows('statuses');
    const post = await site.post('/statuses', { text: `hello${NUL}` });
    assert.equal(post.status, 422);
    assert.deepEqual(composeState(post), { error: message('Text'), text: `hello${NUL}` });
    assert.equal(await rows('statuses'), statuses);
    await site.get('/settings');
    const profile = await site.post('/settings/profile', { display_name: `Al${NUL}ice`, bio: '' });
    assert.equal(profile.status, 422);
    assert.equal(fieldError(profile, 'display_name'), message('Display name'));
    assert.equal(
      await sql.count(
        "SELECT count(*) FROM accounts WHERE username = 'alice' AND display_name LIKE 'Al%ice'",
      ),
      0,
    );
  });

  test('an address with NUL in its query is the 400 page, in its path the 404 page', async () => {
    const site = await loggedIn(server.url, alice);
    for (const path of ['/search?q=%00', '/@alice/followers?max_id=%00', '/?max_id=1%00']) {
      const page = await site.get(path);
      assert.equal(page.status, 400, path);
      assert.equal(errorPageOf(page).text, 'The address is not valid.');
    }
    for (const path of ['/tags/a%00b', '/@alice%00', '/@alice/1%00', '/@alice%00/followers']) {
      const page = await site.get(path);
      assert.equal(page.status, 404, path);
      assert.equal(errorPageOf(page).title, 'Page not found');
    }
  });
});
