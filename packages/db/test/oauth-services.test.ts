// The OAuth services on real PostgreSQL: apps, codes, tokens, revocation, and what each refusal leaves behind.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { AuthorizationRedirectError, OAuthError, ValidationError, type Account } from '@microposts/core';
import { testApp } from '../../../test/support/app.ts';
import { createTestToken } from '../../../test/support/oauth.ts';

const app = await testApp();
const { db, services } = app;
const oauth = services.oauth;

let n = 0;
async function account(): Promise<Account> {
  const name = `person${++n}`;
  return app.uow.accounts.create({
    username: name,
    email: `${name}@example.com`,
    passwordHash: 'x',
  });
}
const count = async (table: 'oauth_apps' | 'oauth_tokens' | 'oauth_codes') =>
  Number((await db.selectFrom(table).select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const REDIRECT = 'https://client.example/cb';

async function registered(scopes = 'read write follow') {
  return oauth.registerApp({ clientName: 'Client', redirectUris: REDIRECT, scopes });
}

async function codeFor(
  reg: Awaited<ReturnType<typeof registered>>,
  accountId: string,
  extra: { scope?: string; codeChallenge?: string } = {},
) {
  const request = await oauth.validateAuthorization({
    clientId: reg.app.clientId,
    redirectUri: REDIRECT,
    responseType: 'code',
    scope: extra.scope ?? 'read write',
    codeChallenge: extra.codeChallenge,
    codeChallengeMethod: extra.codeChallenge ? 'S256' : undefined,
  });
  return oauth.authorize({ accountId, request });
}

const exchange = (reg: Awaited<ReturnType<typeof registered>>, code: string) =>
  oauth.exchangeCode({
    clientId: reg.app.clientId,
    clientSecret: reg.clientSecret,
    code,
    redirectUri: REDIRECT,
  });

const grantError = async (promise: Promise<unknown>, code: string) =>
  assert.rejects(promise, (e: unknown) => e instanceof OAuthError && e.code === code);

describe('registerApp', () => {
  test('stores the app with a hashed secret and parses redirect URIs and scopes', async () => {
    const { app: a, clientSecret } = await oauth.registerApp({
      clientName: '  My app ',
      redirectUris: `${REDIRECT}\nurn:ietf:wg:oauth:2.0:oob`,
      scopes: 'read write:statuses',
      website: 'https://app.example',
    });
    assert.equal(a.name, 'My app');
    assert.deepEqual(a.redirectUris, [REDIRECT, 'urn:ietf:wg:oauth:2.0:oob']);
    assert.deepEqual(a.scopes, ['read', 'write:statuses']);
    assert.match(a.clientId, /^[A-Za-z0-9_-]{43}$/);
    const row = await db
      .selectFrom('oauth_apps')
      .selectAll()
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.client_secret_hash, createHash('sha256').update(clientSecret).digest('base64url'));
    assert.ok(!JSON.stringify(row).includes(clientSecret));
  });

  test('defaults to the read scope; accepts an array of redirect URIs', async () => {
    const { app: a } = await oauth.registerApp({ clientName: 'x', redirectUris: [REDIRECT, 'app://cb'] });
    assert.deepEqual(a.scopes, ['read']);
    assert.deepEqual(a.redirectUris, [REDIRECT, 'app://cb']);
  });

  for (const [label, input, field, message] of [
    ['no name', { clientName: ' ', redirectUris: REDIRECT }, 'name', "Name can't be blank"],
    [
      'no redirect URI',
      { clientName: 'x', redirectUris: '' },
      'redirect_uris',
      "Redirect URI can't be blank",
    ],
    [
      'a relative redirect URI',
      { clientName: 'x', redirectUris: '/cb' },
      'redirect_uris',
      'Redirect URI must be an absolute URI.',
    ],
    [
      'a javascript: redirect URI',
      { clientName: 'x', redirectUris: 'javascript:alert(1)' },
      'redirect_uris',
      'Redirect URI is forbidden by the server.',
    ],
    [
      'a fragment',
      { clientName: 'x', redirectUris: 'https://a.example/#x' },
      'redirect_uris',
      'Redirect URI cannot contain a fragment.',
    ],
    [
      'an unknown scope',
      { clientName: 'x', redirectUris: REDIRECT, scopes: 'read admin:write' },
      'scopes',
      "Scopes doesn't match configured on the server.",
    ],
  ] as const) {
    test(`refuses ${label}, writing nothing`, async () => {
      const before = await count('oauth_apps');
      await assert.rejects(
        oauth.registerApp(input),
        (e: unknown) => e instanceof ValidationError && e.fields[field] === message,
      );
      assert.equal(await count('oauth_apps'), before);
    });
  }
});

describe('authorization codes', () => {
  test('exchange once for a token that verifies, stored only as a hash', async () => {
    const reg = await registered();
    const alice = await account();
    const code = await codeFor(reg, alice.id);
    const token = await oauth.exchangeCode({
      clientId: reg.app.clientId,
      clientSecret: reg.clientSecret,
      code,
      redirectUri: REDIRECT,
    });
    assert.equal(token.tokenType, 'Bearer');
    assert.deepEqual(token.scopes, ['read', 'write']);
    assert.match(token.accessToken, /^[A-Za-z0-9_-]{43}$/);
    const info = await oauth.verifyAccessToken(token.accessToken);
    assert.deepEqual(
      { ...info, tokenId: undefined },
      { tokenId: undefined, appId: reg.app.id, accountId: alice.id, scopes: ['read', 'write'] },
    );
    const row = await db
      .selectFrom('oauth_tokens')
      .selectAll()
      .where('id', '=', info!.tokenId)
      .executeTakeFirstOrThrow();
    assert.equal(row.token_hash, createHash('sha256').update(token.accessToken).digest('base64url'));
    assert.ok(row.last_used_at, 'last use recorded');
  });

  test('a reused code is refused and revokes the token it gave', async () => {
    const reg = await registered();
    const alice = await account();
    const code = await codeFor(reg, alice.id);
    const creds = { clientId: reg.app.clientId, clientSecret: reg.clientSecret, code, redirectUri: REDIRECT };
    const first = await oauth.exchangeCode(creds);
    const tokens = await count('oauth_tokens');
    await grantError(oauth.exchangeCode(creds), 'invalid_grant');
    assert.equal(await count('oauth_tokens'), tokens);
    assert.equal(await oauth.verifyAccessToken(first.accessToken), null);
  });

  test('expired, other client, other redirect URI, wrong client secret: refused, code still usable', async () => {
    const reg = await registered();
    const other = await registered();
    const alice = await account();
    const code = await codeFor(reg, alice.id);
    const creds = { clientId: reg.app.clientId, clientSecret: reg.clientSecret, code, redirectUri: REDIRECT };
    const tokens = await count('oauth_tokens');
    await grantError(
      oauth.exchangeCode({ ...creds, clientId: other.app.clientId, clientSecret: other.clientSecret }),
      'invalid_grant',
    );
    await grantError(oauth.exchangeCode({ ...creds, redirectUri: `${REDIRECT}/` }), 'invalid_grant');
    await grantError(oauth.exchangeCode({ ...creds, clientSecret: other.clientSecret }), 'invalid_client');
    await grantError(
      oauth.exchangeCode({ ...creds, now: new Date(Date.now() + 10 * 60 * 1000 + 1000) }),
      'invalid_grant',
    );
    await grantError(oauth.exchangeCode({ ...creds, code: 'nope' }), 'invalid_grant');
    assert.equal(await count('oauth_tokens'), tokens);
    await oauth.exchangeCode(creds);
  });

  test('two exchanges of one code at once: one token is issued, and it is revoked as the code was reused', async () => {
    const reg = await registered();
    const alice = await account();
    const code = await codeFor(reg, alice.id);
    const creds = { clientId: reg.app.clientId, clientSecret: reg.clientSecret, code, redirectUri: REDIRECT };
    const tokens = await count('oauth_tokens');
    const results = await Promise.allSettled([oauth.exchangeCode(creds), oauth.exchangeCode(creds)]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    assert.equal(won.length, 1);
    assert.equal(lost.length, 1);
    assert.ok((lost[0] as PromiseRejectedResult).reason instanceof OAuthError);
    assert.equal(await count('oauth_tokens'), tokens + 1);
    const token = (won[0] as PromiseFulfilledResult<{ accessToken: string }>).value.accessToken;
    assert.equal(await oauth.verifyAccessToken(token), null);
  });

  test('PKCE: the verifier must match the S256 challenge', async () => {
    const reg = await registered();
    const alice = await account();
    const verifier = 'v'.repeat(20) + 'erifier-with-enough-entropy-0123456789';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const code = await codeFor(reg, alice.id, { codeChallenge: challenge });
    const creds = { clientId: reg.app.clientId, clientSecret: reg.clientSecret, code, redirectUri: REDIRECT };
    await grantError(oauth.exchangeCode(creds), 'invalid_grant');
    await grantError(oauth.exchangeCode({ ...creds, codeVerifier: `${verifier}x` }), 'invalid_grant');
    const token = await oauth.exchangeCode({ ...creds, codeVerifier: verifier });
    assert.ok(await oauth.verifyAccessToken(token.accessToken));
  });

  test('authorization requests: unknown client and redirect URI are shown, the rest redirected', async () => {
    const reg = await registered('read');
    const base = { clientId: reg.app.clientId, redirectUri: REDIRECT, responseType: 'code' };
    await grantError(oauth.validateAuthorization({ ...base, clientId: 'nope' }), 'invalid_client');
    await grantError(
      oauth.validateAuthorization({ ...base, redirectUri: 'https://client.example/cB' }),
      'invalid_redirect_uri',
    );
    const redirected = async (params: object, code: string) =>
      assert.rejects(
        oauth.validateAuthorization({ ...base, ...params }),
        (e: unknown) =>
          e instanceof AuthorizationRedirectError && e.code === code && e.redirectUri === REDIRECT,
      );
    await redirected({ scope: 'write' }, 'invalid_scope');
    await redirected({ scope: 'read bogus' }, 'invalid_scope');
    await redirected({ responseType: 'token' }, 'unsupported_response_type');
    await redirected({ codeChallenge: 'a'.repeat(43), codeChallengeMethod: 'plain' }, 'invalid_request');
    await redirected({ codeChallenge: 'short', codeChallengeMethod: 'S256' }, 'invalid_request');
    const ok = await oauth.validateAuthorization({ ...base, scope: 'read:statuses' });
    assert.deepEqual(ok.scopes, ['read:statuses']);
    assert.deepEqual((await oauth.validateAuthorization(base)).scopes, ['read']);
  });
});

describe('client credentials, revocation and suspension', () => {
  test('client_credentials gives an app-only token within the registered scopes', async () => {
    const reg = await registered('read write');
    const creds = { clientId: reg.app.clientId, clientSecret: reg.clientSecret };
    const token = await oauth.clientCredentials({ ...creds, scope: 'read' });
    assert.equal((await oauth.verifyAccessToken(token.accessToken))?.accountId, null);
    const tokens = await count('oauth_tokens');
    await grantError(oauth.clientCredentials({ ...creds, scope: 'follow' }), 'invalid_scope');
    await grantError(
      oauth.clientCredentials({ clientId: reg.app.clientId, clientSecret: 'x' }),
      'invalid_client',
    );
    assert.equal(await count('oauth_tokens'), tokens);
  });

  test('revoke: own token revoked, unknown token ignored, another app refused', async () => {
    const alice = await account();
    const t = await createTestToken(app, { accountId: alice.id, scopes: 'read' });
    const other = await createTestToken(app, { accountId: alice.id, scopes: 'read' });
    const creds = { clientId: t.clientId, clientSecret: t.clientSecret };
    await grantError(oauth.revoke({ ...creds, token: other.token }), 'unauthorized_client');
    assert.ok(await oauth.verifyAccessToken(other.token));
    await oauth.revoke({ ...creds, token: 'unknown' });
    await oauth.revoke({ ...creds, token: t.token });
    assert.equal(await oauth.verifyAccessToken(t.token), null);
    await oauth.revoke({ ...creds, token: t.token });
  });

  test('authorized apps are listed per person and revoked together', async () => {
    const alice = await account();
    const bob = await account();
    const first = await createTestToken(app, {
      accountId: alice.id,
      scopes: 'read',
      appScopes: 'read write',
      appName: 'Phone',
    });
    const second = await createTestToken(app, { accountId: alice.id, scopes: 'write read', app: first });
    const bobs = await createTestToken(app, { accountId: bob.id, scopes: 'read', app: first });
    const list = await oauth.listAuthorizedApps(alice.id);
    assert.equal(list.length, 1);
    assert.equal(list[0]!.app.name, 'Phone');
    assert.deepEqual(list[0]!.scopes, ['read', 'write']);
    await assert.rejects(oauth.revokeAuthorization({ accountId: bob.id, appId: 'abc' }), {
      code: 'not_found',
    });
    await oauth.revokeAuthorization({ accountId: alice.id, appId: first.appId });
    assert.equal(await oauth.verifyAccessToken(first.token), null);
    assert.equal(await oauth.verifyAccessToken(second.token), null);
    assert.ok(await oauth.verifyAccessToken(bobs.token), "another person's token stays");
    assert.deepEqual(await oauth.listAuthorizedApps(alice.id), []);
    await assert.rejects(oauth.revokeAuthorization({ accountId: alice.id, appId: first.appId }), {
      code: 'not_found',
    });
  });

  test('revoking an app also voids its codes not yet exchanged', async () => {
    const reg = await registered();
    const dana = await account();
    const token = await createTestToken(app, {
      accountId: dana.id,
      scopes: 'read write',
      app: { clientId: reg.app.clientId, clientSecret: reg.clientSecret, redirectUri: REDIRECT },
    });
    const code = await codeFor(reg, dana.id);
    await oauth.revokeAuthorization({ accountId: dana.id, appId: reg.app.id });
    assert.equal(await oauth.verifyAccessToken(token.token), null);
    await grantError(exchange(reg, code), 'invalid_grant');
  });

  test('after a password reset every token and unused code of the person is void', async () => {
    const reg = await registered();
    const erin = await account();
    const other = await account();
    const token = await createTestToken(app, { accountId: erin.id });
    const kept = await createTestToken(app, { accountId: other.id });
    const code = await codeFor(reg, erin.id);
    assert.equal(await app.uow.oauth.revokeAllForAccount(erin.id, new Date()), 1);
    assert.equal(await oauth.verifyAccessToken(token.token), null);
    assert.ok(await oauth.verifyAccessToken(kept.token), "another person's token stays");
    await grantError(exchange(reg, code), 'invalid_grant');
  });

  test("a suspended account's tokens stop working", async () => {
    const carol = await account();
    const t = await createTestToken(app, { accountId: carol.id });
    await db.updateTable('accounts').set({ suspended_at: new Date() }).where('id', '=', carol.id).execute();
    assert.equal(await oauth.verifyAccessToken(t.token), null);
  });
});
