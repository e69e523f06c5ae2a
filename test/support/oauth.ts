// OAuth apps and tokens for tests, made through the real services (register an app, approve, exchange
// the code), so API tests need not drive the authorize page. Works on an in-process App (testApp())
// or on the database URL a spawned web process uses (startWeb()).
import { after } from 'node:test';
import pg from 'pg';
import { bootstrap, loadConfig, type App } from '@microposts/runtime';
import { TEST_SECRET_KEY } from './secret.ts';

export interface TestToken {
  /** The bearer token. */
  token: string;
  /** `{ authorization: 'Bearer …' }`, ready to spread into fetch headers. */
  headers: { authorization: string };
  appId: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** null for an app-only (client_credentials) token. */
  accountId: string | null;
  scopes: string[];
}

export interface TestTokenOptions {
  /** The person the token acts for (by username or id); neither gives an app-only token. */
  username?: string;
  accountId?: string;
  /** The token's scopes (default `read write follow push`). */
  scopes?: string | string[];
  /** The app's registered scopes (default: the token's). */
  appScopes?: string | string[];
  appName?: string;
  redirectUri?: string;
  /** Reuse an app made earlier instead of registering one. */
  app?: { clientId: string; clientSecret: string; redirectUri: string };
}

const apps = new Map<string, Promise<App>>();
// Registered when this module loads, i.e. at the test file's top level, so it runs after all its tests
// (an after() inside the first test to need an App would close it when that test ends).
after(async () => {
  for (const app of apps.values()) await (await app).close();
});

// One App per database URL, closed when the test file ends; no migrations (the web process did them).
function appFor(target: App | string): Promise<App> {
  if (typeof target !== 'string') return Promise.resolve(target);
  let app = apps.get(target);
  if (!app) {
    const config = loadConfig({
      DATABASE_URL: target,
      SECRET_KEY: TEST_SECRET_KEY,
      LOG_LEVEL: 'silent',
      PUBLIC_URL: 'http://localhost:3000',
    });
    app = bootstrap(config, { name: 'test-oauth', migrate: false });
    apps.set(target, app);
  }
  return app;
}

const join = (s: string | string[]) => (Array.isArray(s) ? s.join(' ') : s);

/** Registers an app (or reuses one) and gives it a token for a person, or an app-only token. */
export async function createTestToken(
  target: App | string,
  options: TestTokenOptions = {},
): Promise<TestToken> {
  const app = await appFor(target);
  const oauth = app.services.oauth;
  const scopes = join(options.scopes ?? 'read write follow push');
  let client = options.app;
  if (!client) {
    const redirectUri = options.redirectUri ?? 'https://client.example/callback';
    const registered = await oauth.registerApp({
      clientName: options.appName ?? 'Test client',
      redirectUris: redirectUri,
      scopes: join(options.appScopes ?? scopes),
    });
    client = { clientId: registered.app.clientId, clientSecret: registered.clientSecret, redirectUri };
  }
  let accountId = options.accountId ?? null;
  if (!accountId && options.username)
    accountId = (await app.services.accounts.getByUsername(options.username)).id;
  const credentials = { clientId: client.clientId, clientSecret: client.clientSecret };
  let result;
  if (accountId) {
    const request = await oauth.validateAuthorization({
      clientId: client.clientId,
      redirectUri: client.redirectUri,
      responseType: 'code',
      scope: scopes,
    });
    const code = await oauth.authorize({ accountId, request });
    result = await oauth.exchangeCode({ ...credentials, code, redirectUri: client.redirectUri });
  } else {
    result = await oauth.clientCredentials({ ...credentials, scope: scopes });
  }
  const found = await app.services.oauth.verifyAccessToken(result.accessToken);
  return {
    token: result.accessToken,
    headers: { authorization: `Bearer ${result.accessToken}` },
    appId: found!.appId,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    redirectUri: client.redirectUri,
    accountId,
    scopes: result.scopes,
  };
}

/** Makes every authorization code in the database expired (for "expired code" tests). */
export async function expireOAuthCodes(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`UPDATE oauth_codes SET expires_at = now() - interval '1 second'`);
  await client.end();
}

/** Counts rows of a table (to assert that a refused request wrote nothing). */
export async function countRows(databaseUrl: string, table: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query(`SELECT count(*)::int AS n FROM ${pg.escapeIdentifier(table)}`);
  await client.end();
  return rows[0].n as number;
}

/** Signs up `username` (username@example.com, password "correct horse battery") and gives it a token. */
export async function registerWithToken(app: App, username: string): Promise<TestToken> {
  await app.services.accounts.register({
    username,
    email: `${username}@example.com`,
    password: 'correct horse battery',
  });
  return createTestToken(app, { username });
}
