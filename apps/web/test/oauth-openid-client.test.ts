// A real OAuth client library against our server: openid-client v6 discovers the server from
// /.well-known/oauth-authorization-server (RFC 8414, its non-OIDC "oauth2" discovery), then runs
// the authorization code flow with PKCE S256 through the real authorize page, client credentials
// with client_secret_basic, and revocation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as oidc from 'openid-client';
import { testDatabase } from '../../../test/support/database.ts';
import { startWeb } from '../../../test/support/processes.ts';
import { decideOnAuthorizePage } from '../../../test/support/api-authorize.ts';
import { fixtures, loggedIn } from '../../../test/support/fixtures.ts';

const databaseUrl = await testDatabase();
const web = await startWeb(databaseUrl);
const REDIRECT = 'https://client.example/callback';

async function register(): Promise<{ client_id: string; client_secret: string }> {
  const r = await fetch(`${web.url}/api/v1/apps`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_name: 'openid-client', redirect_uris: REDIRECT, scopes: 'read write' }),
  });
  assert.equal(r.status, 200);
  return (await r.json()) as { client_id: string; client_secret: string };
}

// Our test server speaks plain HTTP on loopback; the library refuses that unless told.
const insecure = { execute: [oidc.allowInsecureRequests], algorithm: 'oauth2' as const };

test('authorization code with PKCE, discovered from the metadata document', async () => {
  const app = await register();
  const config = await oidc.discovery(
    new URL(web.url),
    app.client_id,
    app.client_secret,
    undefined,
    insecure,
  );
  const server = config.serverMetadata();
  assert.equal(server.issuer, `${web.url}/`);
  assert.equal(server.token_endpoint, `${web.url}/oauth/token`);
  assert.ok(server.supportsPKCE());

  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const authorizeUrl = oidc.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT,
    scope: 'read write:statuses',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
  });
  assert.equal(authorizeUrl.origin + authorizeUrl.pathname, `${web.url}/oauth/authorize`);

  // The person: logged in on the site, approves on the real page.
  const site = await loggedIn(web.url, await fixtures(databaseUrl).account({ username: 'frida' }));
  const approved = await decideOnAuthorizePage(site, authorizeUrl.pathname + authorizeUrl.search);
  assert.equal(approved.status, 303);

  const tokens = await oidc.authorizationCodeGrant(config, new URL(approved.location!), {
    pkceCodeVerifier: verifier,
    expectedState: state,
  });
  assert.equal(tokens.token_type, 'bearer');
  assert.equal(tokens.scope, 'read write:statuses');
  assert.equal(tokens.expires_in, undefined, 'tokens do not expire');
  assert.equal(tokens.refresh_token, undefined);

  const me = await oidc.fetchProtectedResource(
    config,
    tokens.access_token,
    new URL(`${web.url}/api/v1/accounts/verify_credentials`),
    'GET',
  );
  assert.equal(me.status, 200);
  assert.equal(((await me.json()) as { username: string }).username, 'frida');

  // The same code again, or the right code with the wrong verifier: the library surfaces invalid_grant.
  await assert.rejects(
    oidc.authorizationCodeGrant(config, new URL(approved.location!), {
      pkceCodeVerifier: verifier,
      expectedState: state,
    }),
    (e: unknown) => e instanceof oidc.ResponseBodyError && e.error === 'invalid_grant' && e.status === 400,
  );

  await oidc.tokenRevocation(config, tokens.access_token);
  const after = await fetch(`${web.url}/api/v1/accounts/verify_credentials`, {
    headers: { authorization: `Bearer ${tokens.access_token}` },
  });
  assert.equal(after.status, 401);
});

test('client credentials with client_secret_basic; a wrong secret is invalid_client', async () => {
  const app = await register();
  const config = await oidc.discovery(
    new URL(web.url),
    app.client_id,
    undefined,
    oidc.ClientSecretBasic(app.client_secret),
    insecure,
  );
  const tokens = await oidc.clientCredentialsGrant(config, { scope: 'read' });
  assert.equal(tokens.scope, 'read');
  const verified = await fetch(`${web.url}/api/v1/apps/verify_credentials`, {
    headers: { authorization: `Bearer ${tokens.access_token}` },
  });
  assert.equal(verified.status, 200);

  const wrong = await oidc.discovery(
    new URL(web.url),
    app.client_id,
    undefined,
    oidc.ClientSecretBasic('not-the-secret'),
    insecure,
  );
  // A 401 to Basic authentication carries a Basic challenge (RFC 6749 section 5.2), which the
  // library reports as such; the body is still RFC 6749's invalid_client.
  await assert.rejects(oidc.clientCredentialsGrant(wrong, { scope: 'read' }), (e: unknown) => {
    assert.ok(e instanceof oidc.WWWAuthenticateChallengeError);
    assert.equal(e.status, 401);
    assert.equal(e.cause[0]?.scheme, 'basic');
    return true;
  });
  const body = await fetch(`${web.url}/oauth/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${app.client_id}:x`).toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'client_credentials' }),
  });
  assert.equal(((await body.json()) as { error: string }).error, 'invalid_client');
});
