// The OAuth 2 authorization server over HTTP, against the real web process: registration, the
// authorize page, the token and revocation endpoints, bearer tokens on the API, and every bad input
// of issue 4 that concerns OAuth (exact status and body, nothing written).
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { testDatabase } from '../../../test/support/database.ts';
import { startWeb } from '../../../test/support/processes.ts';
import { SiteClient } from '../../../test/support/site-client.ts';
import { apiFetch, type ApiRequest } from '../../../test/support/api-fetch.ts';
import { decideOnAuthorizePage } from '../../../test/support/api-authorize.ts';
import { fixtures, loggedIn } from '../../../test/support/fixtures.ts';
import { sqlClient } from '../../../test/support/sql.ts';

const databaseUrl = await testDatabase();
const web = await startWeb(databaseUrl);
const sql = sqlClient(databaseUrl);
const f = fixtures(databaseUrl);
const REDIRECT = 'https://client.example/callback';
const OOB = 'urn:ietf:wg:oauth:2.0:oob';

const INVALID_GRANT = {
  error: 'invalid_grant',
  error_description:
    'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
};
const INVALID_CLIENT = {
  error: 'invalid_client',
  error_description:
    'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
};
const UNSUPPORTED_GRANT = {
  error: 'unsupported_grant_type',
  error_description: 'The authorization grant type is not supported by the authorization server.',
};

type Doc = Record<string, unknown>;
const call = (method: string, path: string, req: ApiRequest = {}) =>
  apiFetch<Doc>(web.url, method, path, req);
const count = (table: string) => sql.count(`SELECT count(*) FROM ${table}`);

interface Client {
  id: string;
  client_id: string;
  client_secret: string;
}

async function registerApp(fields: Record<string, string> = {}): Promise<Client> {
  const r = await call('POST', '/api/v1/apps', {
    json: {
      client_name: 'Test client',
      redirect_uris: `${REDIRECT}\n${OOB}`,
      scopes: 'read write follow',
      ...fields,
    },
  });
  assert.equal(r.status, 200, r.text);
  return r.body as unknown as Client;
}

const pkce = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

function authorizeUrl(client: Client, params: Record<string, string> = {}): string {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: client.client_id,
    redirect_uri: REDIRECT,
    scope: 'read write',
    state: 'xyz',
    ...params,
  });
  return `/oauth/authorize?${q}`;
}

async function codeFor(
  site: SiteClient,
  client: Client,
  params: Record<string, string> = {},
): Promise<string> {
  const done = await decideOnAuthorizePage(site, authorizeUrl(client, params));
  assert.equal(done.status, 303);
  const location = new URL(done.location!);
  assert.equal(`${location.origin}${location.pathname}`, params.redirect_uri ?? REDIRECT);
  assert.equal(location.searchParams.get('state'), params.state ?? 'xyz');
  return location.searchParams.get('code')!;
}

const exchange = (client: Client, code: string, extra: Record<string, string> = {}) =>
  call('POST', '/oauth/token', {
    json: {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      client_id: client.client_id,
      client_secret: client.client_secret,
      ...extra,
    },
  });

const people = {
  alice: await f.account({ username: 'alice' }),
  bob: await f.account({ username: 'bob' }),
};
const alice = await loggedIn(web.url, people.alice);
const bob = await loggedIn(web.url, people.bob);

describe('registration and discovery', () => {
  test('POST /api/v1/apps answers Mastodon’s shape, from JSON, a form and multipart', async () => {
    const json = await call('POST', '/api/v1/apps', {
      json: {
        client_name: 'JSON app',
        redirect_uris: [REDIRECT, OOB],
        scopes: 'read write',
        website: 'https://app.example',
      },
    });
    assert.equal(json.status, 200);
    assert.deepEqual(Object.keys(json.body).sort(), [
      'client_id',
      'client_secret',
      'client_secret_expires_at',
      'id',
      'name',
      'redirect_uri',
      'redirect_uris',
      'scopes',
      'website',
    ]);
    assert.equal(json.body.name, 'JSON app');
    assert.equal(json.body.redirect_uri, `${REDIRECT}\n${OOB}`);
    assert.deepEqual(json.body.redirect_uris, [REDIRECT, OOB]);
    assert.deepEqual(json.body.scopes, ['read', 'write']);
    assert.equal(json.body.client_secret_expires_at, 0);
    assert.match(String(json.body.id), /^\d+$/);
    assert.match(json.headers.get('content-type')!, /^application\/json/);

    const form = await call('POST', '/api/v1/apps', {
      form: { client_name: 'Form app', redirect_uris: REDIRECT },
    });
    assert.equal(form.status, 200);
    assert.deepEqual(form.body.scopes, ['read']);
    assert.equal(form.body.website, null);

    const multi = await call('POST', '/api/v1/apps', {
      multipart: [
        ['client_name', 'Multipart app'],
        ['redirect_uris', OOB],
        ['scopes', 'read:statuses write:statuses'],
      ],
    });
    assert.equal(multi.status, 200, multi.text);
    assert.deepEqual(multi.body.scopes, ['read:statuses', 'write:statuses']);

    const brackets = await call('POST', '/api/v1/apps', {
      form: { client_name: 'Brackets', 'redirect_uris[]': REDIRECT, 'scopes[]': 'read' },
    });
    assert.equal(brackets.status, 200, brackets.text);
    assert.deepEqual(brackets.body.redirect_uris, [REDIRECT]);

    const query = await call(
      'POST',
      `/api/v1/apps?client_name=Query&redirect_uris=${encodeURIComponent(REDIRECT)}`,
    );
    assert.equal(query.status, 200, query.text);
  });

  test('bad registrations: 422 with Mastodon’s message, nothing written', async () => {
    const before = await count('oauth_apps');
    const cases: [Record<string, unknown>, string][] = [
      [{ redirect_uris: REDIRECT }, "Validation failed: Name can't be blank"],
      [{ client_name: 'x' }, "Validation failed: Redirect URI can't be blank"],
      [
        { client_name: 'x', redirect_uris: 'not a uri' },
        'Validation failed: Redirect URI must be an absolute URI.',
      ],
      [
        { client_name: 'x', redirect_uris: REDIRECT, scopes: 'read admin:write' },
        "Validation failed: Scopes doesn't match configured on the server.",
      ],
      [{}, "Validation failed: Name can't be blank, Redirect URI can't be blank"],
    ];
    for (const [json, error] of cases) {
      const r = await call('POST', '/api/v1/apps', { json });
      assert.equal(r.status, 422, JSON.stringify(json));
      assert.deepEqual(r.body, { error });
    }
    const malformed = await fetch(`${web.url}/api/v1/apps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"client_name":',
    });
    assert.equal(malformed.status, 400);
    assert.ok(((await malformed.json()) as { error: string }).error);
    assert.equal(await count('oauth_apps'), before);
  });

  test('the metadata document lists every endpoint and capability, with CORS', async () => {
    const r = await call('GET', '/.well-known/oauth-authorization-server', {
      headers: { origin: 'https://elsewhere.example' },
    });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('access-control-allow-origin'), '*');
    assert.deepEqual(r.body, {
      issuer: `${web.url}/`,
      service_documentation: `${web.url}/api/docs`,
      authorization_endpoint: `${web.url}/oauth/authorize`,
      token_endpoint: `${web.url}/oauth/token`,
      app_registration_endpoint: `${web.url}/api/v1/apps`,
      revocation_endpoint: `${web.url}/oauth/revoke`,
      scopes_supported: r.body.scopes_supported,
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      grant_types_supported: ['authorization_code', 'client_credentials'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      code_challenge_methods_supported: ['S256'],
    });
    for (const s of ['read', 'write', 'follow', 'push', 'profile', 'read:statuses', 'write:statuses'])
      assert.ok((r.body.scopes_supported as string[]).includes(s), s);
  });

  test('the OAuth endpoints are in the OpenAPI document', async () => {
    const doc = await call('GET', '/api/openapi.json');
    assert.equal(doc.status, 200);
    const paths = doc.body.paths as Record<string, Record<string, unknown>>;
    for (const [path, method] of [
      ['/api/v1/apps', 'post'],
      ['/api/v1/apps/verify_credentials', 'get'],
      ['/oauth/token', 'post'],
      ['/oauth/revoke', 'post'],
      ['/.well-known/oauth-authorization-server', 'get'],
    ] as const)
      assert.ok(paths[path]?.[method], `${method} ${path}`);
  });

  test('CORS on /oauth/token, /oauth/revoke and /api/*, exposing the Link and rate-limit headers', async () => {
    for (const path of ['/oauth/token', '/oauth/revoke', '/api/v1/apps']) {
      const r = await fetch(`${web.url}${path}`, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://elsewhere.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
      assert.ok(r.status === 204 || r.status === 200, path);
      assert.equal(r.headers.get('access-control-allow-origin'), '*', path);
    }
    const r = await call('POST', '/oauth/token', {
      json: {},
      headers: { origin: 'https://elsewhere.example' },
    });
    assert.equal(r.headers.get('access-control-allow-origin'), '*');
    assert.match(r.headers.get('access-control-expose-headers') ?? '', /Link/);
  });
});

describe('authorization code flow', () => {
  test('logged out: the authorize page sends to log in, then back to itself', async () => {
    const client = await registerApp();
    const site = new SiteClient(web.url);
    const url = authorizeUrl(client);
    const first = await site.get(url);
    assert.equal(first.status, 302);
    assert.equal(first.location, `/login?return_to=${encodeURIComponent(url)}`);
    await site.get(first.location!);
    const login = await site.post('/login', {
      login: 'alice',
      password: 'correct horse battery',
      return_to: url,
    });
    assert.equal(login.status, 303);
    assert.equal(login.location, url);
    const page = await site.get(url);
    assert.equal(page.status, 200);
    assert.match(page.doc.querySelector('h1')!.text, /Authorize Test client\?/);
    assert.deepEqual(
      page.doc.querySelectorAll('.scope-name').map((c) => c.text),
      ['read', 'write'],
    );
    assert.match(
      page.headers.get('content-security-policy')!,
      /form-action 'self' https:\/\/client\.example(;|$)/,
    );
    const other = await site.get('/');
    assert.match(other.headers.get('content-security-policy')!, /form-action 'self'(;|$)/);
  });

  test('approve, exchange (JSON, form and Basic auth), use the token, and the code works once', async () => {
    const client = await registerApp();
    const code = await codeFor(alice, client);
    const r = await exchange(client, code);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(Object.keys(r.body).sort(), ['access_token', 'created_at', 'scope', 'token_type']);
    assert.equal(r.body.token_type, 'Bearer');
    assert.equal(r.body.scope, 'read write');
    assert.ok(Math.abs((r.body.created_at as number) - Date.now() / 1000) < 60);
    assert.equal(r.headers.get('cache-control'), 'no-store');
    const auth = { authorization: `Bearer ${r.body.access_token}` };
    const verified = await call('GET', '/api/v1/apps/verify_credentials', { headers: auth });
    assert.equal(verified.status, 200);
    assert.deepEqual(verified.body, {
      id: client.id,
      name: 'Test client',
      website: null,
      scopes: ['read', 'write', 'follow'],
      redirect_uri: `${REDIRECT}\n${OOB}`,
      redirect_uris: [REDIRECT, OOB],
    });

    const code2 = await codeFor(alice, client);
    const form = await call('POST', '/oauth/token', {
      form: { grant_type: 'authorization_code', code: code2, redirect_uri: REDIRECT },
      headers: {
        authorization: `Basic ${Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64')}`,
      },
    });
    assert.equal(form.status, 200, form.text);

    // reused: refused, nothing written, and the token first issued for it is revoked
    const tokens = await count('oauth_tokens');
    const again = await exchange(client, code);
    assert.equal(again.status, 400);
    assert.deepEqual(again.body, INVALID_GRANT);
    assert.equal(await count('oauth_tokens'), tokens);
    const revoked = await call('GET', '/api/v1/apps/verify_credentials', { headers: auth });
    assert.equal(revoked.status, 401);
    assert.deepEqual(revoked.body, { error: 'The access token is invalid' });
  });

  test('PKCE S256: the right verifier is required', async () => {
    const client = await registerApp();
    const { verifier, challenge } = pkce();
    const code = await codeFor(alice, client, { code_challenge: challenge, code_challenge_method: 'S256' });
    const tokens = await count('oauth_tokens');
    const attempts: Record<string, string>[] = [
      {},
      { code_verifier: pkce().verifier },
      { code_verifier: 'short' },
    ];
    for (const extra of attempts) {
      const r = await exchange(client, code, extra);
      assert.equal(r.status, 400);
      assert.deepEqual(r.body, INVALID_GRANT);
    }
    assert.equal(await count('oauth_tokens'), tokens);
    const ok = await exchange(client, code, { code_verifier: verifier });
    assert.equal(ok.status, 200);
  });

  test('an expired code, a code of another client, a redirect URI one character off: invalid_grant', async () => {
    const client = await registerApp();
    const other = await registerApp();
    const code = await codeFor(alice, client);
    const tokens = await count('oauth_tokens');
    const otherClient = await exchange(other, code);
    assert.equal(otherClient.status, 400);
    assert.deepEqual(otherClient.body, INVALID_GRANT);
    const offByOne = await exchange(client, code, { redirect_uri: `${REDIRECT}x` });
    assert.equal(offByOne.status, 400);
    assert.deepEqual(offByOne.body, INVALID_GRANT);
    await sql.rows(`UPDATE oauth_codes SET expires_at = now() - interval '1 second'`);
    const expired = await exchange(client, code);
    assert.equal(expired.status, 400);
    assert.deepEqual(expired.body, INVALID_GRANT);
    assert.equal(await count('oauth_tokens'), tokens);
  });

  test('deny sends the client access_denied with its state', async () => {
    const client = await registerApp();
    const codes = await count('oauth_codes');
    const denied = await decideOnAuthorizePage(alice, authorizeUrl(client, { state: 's t' }), 'deny');
    assert.equal(denied.status, 303);
    const location = new URL(denied.location!);
    assert.equal(location.searchParams.get('error'), 'access_denied');
    assert.equal(location.searchParams.get('state'), 's t');
    assert.equal(location.searchParams.get('code'), null);
    assert.equal(await count('oauth_codes'), codes);
  });

  test('out of band: the page shows the code to copy', async () => {
    const client = await registerApp();
    const done = await decideOnAuthorizePage(alice, authorizeUrl(client, { redirect_uri: OOB }));
    assert.equal(done.status, 200);
    const code = done.doc.querySelector('#authorization-code')!.text.trim();
    const r = await exchange(client, code, { redirect_uri: OOB });
    assert.equal(r.status, 200, r.text);
  });

  test('unknown client or a redirect URI one character off: an error page, never a redirect', async () => {
    const client = await registerApp();
    const offByOne = await alice.get(authorizeUrl(client, { redirect_uri: `${REDIRECT}/` }));
    assert.equal(offByOne.status, 400);
    assert.equal(offByOne.location, null);
    assert.match(
      offByOne.doc.querySelector('main')!.text,
      /The app asked to send you back to an address it did not register, so we stopped here/,
    );
    const unknown = await alice.get(authorizeUrl({ ...client, client_id: 'nope' }));
    assert.equal(unknown.status, 400);
    assert.match(
      unknown.doc.querySelector('main')!.text,
      /The app that sent you here is not registered on this server/,
    );
  });

  test('a bad scope, response_type or PKCE method: an error page, never a redirect to the registered URI', async () => {
    // Anyone can register an app with any redirect URI: redirecting these errors without asking the
    // person would make the site an open redirector (RFC 9700 section 4.11.2).
    const client = await registerApp({ scopes: 'read' });
    const codes = await count('oauth_codes');
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ scope: 'read write' }, /The app asked for permissions it did not register/],
      [{ scope: 'read', response_type: 'token' }, /The app made a request this server does not support/],
      [{ scope: 'read', code_challenge: pkce().challenge, code_challenge_method: 'plain' }, /Only the S256/],
    ];
    for (const [params, message] of cases)
      for (const site of [alice, new SiteClient(web.url)]) {
        const page = await site.get(authorizeUrl(client, params));
        assert.equal(page.status, 400, JSON.stringify(params));
        assert.equal(page.location, null);
        assert.match(page.doc.querySelector('main')!.text, message);
        assert.doesNotMatch(page.html, /client\.example/);
      }
    // A tampered approve form is refused on a page too.
    await alice.get(authorizeUrl(client, { scope: 'read' }));
    const posted = await alice.post('/oauth/authorize', {
      client_id: client.client_id,
      redirect_uri: REDIRECT,
      scope: 'read write',
      state: 'xyz',
      decision: 'approve',
    });
    assert.equal(posted.status, 400);
    assert.equal(posted.location, null);
    assert.equal(await count('oauth_codes'), codes);
  });

  test('force_login asks which account; only a POST with a CSRF token logs out', async () => {
    const client = await registerApp();
    const site = new SiteClient(web.url);
    await site.login('bob');
    const url = authorizeUrl(client);
    const asked = await site.get(`${url}&force_login=true`);
    assert.equal(asked.status, 200);
    assert.equal(asked.headers.get('cache-control'), 'no-store');
    assert.match(asked.doc.querySelector('main')!.text, /You are logged in as @bob/);
    const proceed = asked.doc.querySelector('main a.button')!;
    assert.equal(proceed.text, 'Continue as @bob');
    assert.equal(proceed.getAttribute('href'), url);
    const other = asked.doc.querySelector('main form[action="/logout"]')!;
    assert.equal(other.querySelector('input[name=return_to]')!.getAttribute('value'), url);
    assert.equal(other.querySelector('button')!.text, 'Use another account');
    // Still logged in: continuing shows the consent page.
    assert.equal((await site.get(url)).doc.querySelector('form.authorize-actions') !== null, true);
    // A forged "use another account" (no token, as from another site) does nothing.
    assert.equal((await site.post('/logout', { return_to: url }, { csrf: null })).status, 403);
    assert.equal((await site.get(url)).status, 200, 'still logged in');
    // The real button logs out and comes back here after the log-in.
    await site.get(`${url}&force_login=true`);
    const out = await site.post('/logout', { return_to: url });
    assert.equal(out.status, 303);
    assert.equal(out.location, `/login?return_to=${encodeURIComponent(url)}`);
    assert.equal((await site.get(url)).status, 302, 'logged out');
    // Logged out, force_login goes to the log-in page and back without it.
    const forced = await site.get(`${url}&force_login=true`);
    assert.equal(forced.status, 302);
    assert.equal(forced.location, `/login?return_to=${encodeURIComponent(url)}`);
  });

  test('force_login as Python sends it: False and None are not asked, True is', async () => {
    const client = await registerApp();
    const url = authorizeUrl(client);
    for (const value of ['False', 'false', '0', 'None']) {
      const page = await alice.get(`${url}&force_login=${value}`);
      assert.equal(page.status, 200, value);
      assert.ok(page.doc.querySelector('form.authorize-actions'), `${value}: the consent page`);
    }
    const asked = await alice.get(`${url}&force_login=True`);
    assert.equal(asked.status, 200);
    assert.match(asked.doc.querySelector('main')!.text, /You are logged in as @alice/);
  });

  test('approving without a CSRF token is refused and issues no code', async () => {
    const client = await registerApp();
    const page = await alice.get(authorizeUrl(client));
    assert.equal(page.status, 200);
    const codes = await count('oauth_codes');
    const r = await alice.post(
      '/oauth/authorize',
      { client_id: client.client_id, redirect_uri: REDIRECT, scope: 'read', decision: 'approve' },
      { csrf: null },
    );
    assert.equal(r.status, 403);
    assert.equal(await count('oauth_codes'), codes);
  });
});

describe('token endpoint errors and other grants', () => {
  test('unknown, missing and refresh grants; bad client authentication', async () => {
    const client = await registerApp();
    const creds = { client_id: client.client_id, client_secret: client.client_secret };
    const tokens = await count('oauth_tokens');
    for (const grant_type of ['password', 'refresh_token', 'implicit']) {
      const r = await call('POST', '/oauth/token', { json: { grant_type, ...creds, refresh_token: 'x' } });
      assert.equal(r.status, 400, grant_type);
      assert.deepEqual(r.body, UNSUPPORTED_GRANT);
    }
    const missing = await call('POST', '/oauth/token', { json: creds });
    assert.equal(missing.status, 400);
    assert.deepEqual(missing.body, {
      error: 'invalid_request',
      error_description: 'Missing required parameter: grant_type.',
    });
    const wrongSecret = await call('POST', '/oauth/token', {
      json: { grant_type: 'client_credentials', client_id: client.client_id, client_secret: 'wrong' },
    });
    assert.equal(wrongSecret.status, 401);
    assert.deepEqual(wrongSecret.body, INVALID_CLIENT);
    const basic = await call('POST', '/oauth/token', {
      form: { grant_type: 'client_credentials' },
      headers: { authorization: `Basic ${Buffer.from(`${client.client_id}:nope`).toString('base64')}` },
    });
    assert.equal(basic.status, 401);
    assert.match(basic.headers.get('www-authenticate')!, /^Basic/);
    const noClient = await call('POST', '/oauth/token', {
      json: { grant_type: 'authorization_code', code: 'x', redirect_uri: REDIRECT },
    });
    assert.equal(noClient.status, 401);
    assert.deepEqual(noClient.body, INVALID_CLIENT);
    const badScope = await call('POST', '/oauth/token', {
      json: { grant_type: 'client_credentials', ...creds, scope: 'push' },
    });
    assert.equal(badScope.status, 400);
    assert.deepEqual(badScope.body, {
      error: 'invalid_scope',
      error_description: 'The requested scope is invalid, unknown, or malformed.',
    });
    const malformed = await fetch(`${web.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"grant_type": "client_credentials",',
    });
    assert.equal(malformed.status, 400);
    assert.deepEqual(await malformed.json(), { error: 'Error occurred while parsing request parameters.' });
    assert.equal(await count('oauth_tokens'), tokens);
  });

  test('client_credentials gives an app token, which verify_credentials of the app accepts', async () => {
    const client = await registerApp();
    const r = await call('POST', '/oauth/token', {
      multipart: [
        ['grant_type', 'client_credentials'],
        ['client_id', client.client_id],
        ['client_secret', client.client_secret],
        ['scope', 'read'],
      ],
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.scope, 'read');
    const verified = await call('GET', '/api/v1/apps/verify_credentials', {
      headers: { authorization: `Bearer ${r.body.access_token}` },
    });
    assert.equal(verified.status, 200);
    assert.equal(verified.body.name, 'Test client');
  });

  test('revoke: {} for own and unknown tokens, 403 for another app’s, bad client 401', async () => {
    const mine = await f.token(people.alice, 'read');
    const theirs = await f.token(people.alice, 'read');
    const creds = { client_id: mine.clientId, client_secret: mine.clientSecret };
    const other = await call('POST', '/oauth/revoke', { json: { ...creds, token: theirs.token } });
    assert.equal(other.status, 403);
    assert.deepEqual(other.body, {
      error: 'unauthorized_client',
      error_description: 'You are not authorized to revoke this token',
    });
    const badClient = await call('POST', '/oauth/revoke', {
      json: { client_id: mine.clientId, client_secret: 'x', token: mine.token },
    });
    assert.equal(badClient.status, 401);
    assert.deepEqual(badClient.body, INVALID_CLIENT);
    assert.equal(
      (await call('GET', '/api/v1/apps/verify_credentials', { headers: mine.headers })).status,
      200,
    );
    const unknown = await call('POST', '/oauth/revoke', { form: { ...creds, token: 'unknown' } });
    assert.equal(unknown.status, 200);
    assert.deepEqual(unknown.body, {});
    const ok = await call('POST', '/oauth/revoke', { form: { ...creds, token: mine.token } });
    assert.equal(ok.status, 200);
    assert.deepEqual(ok.body, {});
    const after = await call('GET', '/api/v1/apps/verify_credentials', { headers: mine.headers });
    assert.equal(after.status, 401);
    assert.deepEqual(after.body, { error: 'The access token is invalid' });
    assert.equal(
      (await call('GET', '/api/v1/apps/verify_credentials', { headers: theirs.headers })).status,
      200,
    );
  });
});

describe('bearer tokens on the API', () => {
  test('missing, malformed, revoked and unknown tokens', async () => {
    const invalid = { error: 'The access token is invalid' };
    const none = await call('GET', '/api/v1/apps/verify_credentials');
    assert.equal(none.status, 401);
    assert.deepEqual(none.body, invalid);
    for (const authorization of ['Bearer', 'Bearer ', 'Bearer not-a-token', `Bearer ${'x'.repeat(2000)}`]) {
      const r = await call('GET', '/api/v1/apps/verify_credentials', { headers: { authorization } });
      assert.equal(r.status, 401, authorization.slice(0, 20));
      assert.deepEqual(r.body, invalid);
    }
    const viaQuery = await call('GET', '/api/v1/apps/verify_credentials?access_token=nope');
    assert.equal(viaQuery.status, 401);
    // a browser client must be able to read the 401 (CORS), with the rate-limit headers
    const fromBrowser = await call('POST', '/api/v1/statuses', {
      json: { status: 'never posted' },
      headers: { authorization: 'Bearer nope', origin: 'https://web-client.example' },
    });
    assert.equal(fromBrowser.status, 401);
    assert.deepEqual(fromBrowser.body, invalid);
    assert.equal(fromBrowser.headers.get('access-control-allow-origin'), '*');
    assert.equal(fromBrowser.headers.get('www-authenticate'), 'Bearer error="invalid_token"');
    assert.ok(fromBrowser.headers.get('x-ratelimit-limit'));
  });

  test('a token without the needed scope is refused with 403; an app token where a user is needed with 401', async () => {
    const narrow = await f.token(people.alice, 'write:statuses');
    const refused = await call('GET', '/api/v1/accounts/verify_credentials', { headers: narrow.headers });
    assert.equal(refused.status, 403);
    assert.deepEqual(refused.body, { error: 'This action is outside the authorized scopes' });
    const before = await count('follows');
    const readOnly = await f.token(people.alice, 'read');
    const bobId = (await call('GET', '/api/v1/accounts/lookup?acct=bob', { headers: readOnly.headers })).body
      .id;
    const follow = await call('POST', `/api/v1/accounts/${bobId}/follow`, { headers: readOnly.headers });
    assert.equal(follow.status, 403);
    assert.deepEqual(follow.body, { error: 'This action is outside the authorized scopes' });
    assert.equal(await count('follows'), before);
    const profile = await f.token(people.alice, 'profile');
    const allowed = await call('GET', '/api/v1/accounts/verify_credentials', { headers: profile.headers });
    assert.equal(allowed.status, 200);
    assert.equal(allowed.body.username, 'alice');
    const appOnly = await f.token(null, 'read');
    const noUser = await call('GET', '/api/v1/accounts/verify_credentials', { headers: appOnly.headers });
    assert.equal(noUser.status, 401);
    assert.deepEqual(noUser.body, { error: 'This method requires an authenticated user' });
  });

  test('another app’s token is still that app’s: verify_credentials names the app the token belongs to', async () => {
    const one = await f.token(people.alice, undefined, { appName: 'One' });
    const two = await f.token(people.alice, undefined, { appName: 'Two' });
    assert.equal(
      (await call('GET', '/api/v1/apps/verify_credentials', { headers: one.headers })).body.name,
      'One',
    );
    assert.equal(
      (await call('GET', '/api/v1/apps/verify_credentials', { headers: two.headers })).body.name,
      'Two',
    );
  });
});

describe('settings: authorized apps', () => {
  test('lists the apps a person authorized; Revoke (with CSRF) ends their tokens', async () => {
    const carolAccount = await f.account({ username: 'carol' });
    const carol = await loggedIn(web.url, carolAccount);
    const t = await f.token(carolAccount, 'read write', { appName: 'Carol’s phone' });
    const bobs = await f.token(people.bob, 'read', { app: t });
    const page = await carol.get('/settings/apps');
    assert.equal(page.status, 200);
    const items = page.doc.querySelectorAll('.authorized-app');
    assert.equal(items.length, 1);
    assert.match(items[0]!.text, /Carol’s phone/);
    assert.deepEqual(
      items[0]!.querySelectorAll('.scope-name').map((c) => c.text),
      ['read', 'write'],
    );
    const action = items[0]!.querySelector('form')!.getAttribute('action')!;

    const noCsrf = await carol.post(action, {}, { csrf: null });
    assert.equal(noCsrf.status, 403);
    assert.equal((await call('GET', '/api/v1/apps/verify_credentials', { headers: t.headers })).status, 200);
    const bobTries = await bob.get('/settings/apps');
    assert.equal(bobTries.doc.querySelectorAll('.authorized-app').length, 1);
    const stranger = await loggedIn(web.url, await f.account());
    await stranger.get('/settings/apps');
    assert.equal((await stranger.post(action, {})).status, 404);

    await carol.get('/settings/apps');
    const revoked = await carol.post(action, {});
    assert.equal(revoked.status, 303);
    assert.equal(revoked.location, '/settings/apps');
    const after = await carol.get('/settings/apps');
    assert.match(after.doc.querySelector('.flash')!.text, /Carol’s phone can no longer use your account/);
    assert.equal(after.doc.querySelectorAll('.authorized-app').length, 0);
    assert.equal((await call('GET', '/api/v1/apps/verify_credentials', { headers: t.headers })).status, 401);
    assert.equal(
      (await call('GET', '/api/v1/apps/verify_credentials', { headers: bobs.headers })).status,
      200,
    );
  });

  test('logged out: /settings/apps asks to log in', async () => {
    const r = await new SiteClient(web.url).get('/settings/apps');
    assert.equal(r.status, 303);
    assert.match(r.location!, /^\/login\?return_to=/);
  });
});
