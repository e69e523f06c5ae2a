// The authorize page in real Chromium: logged out, the app's link leads to the log-in form and back;
// Approve lands on the app's redirect URI (a real HTTP server on another origin) with a code, which
// is only possible because that page's CSP allows the redirect after its form POST; Deny lands with
// error=access_denied. Screenshots of the authorize page and /settings/apps go to $SCREENSHOT_DIR.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { launchBrowser, newContext, NO_CHROMIUM } from '../../../test/support/browser.ts';
import { testDatabase } from '../../../test/support/database.ts';
import { startWeb } from '../../../test/support/processes.ts';
import { onTeardown } from '../../../test/support/teardown.ts';
import { fixtures } from '../../../test/support/fixtures.ts';

const databaseUrl = await testDatabase();
const web = await startWeb(databaseUrl, { RATE_LIMIT_AUTH: '1000' });
const shots = process.env.SCREENSHOT_DIR ?? path.join(tmpdir(), 'microposts-screenshots');
mkdirSync(shots, { recursive: true });

// The client app's redirect target: another origin, answering every request with a small page.
const callback = http.createServer((_req, res) =>
  res.end('<!doctype html><title>client</title><p>client app</p>'),
);
await new Promise<void>((resolve) => callback.listen(0, '127.0.0.1', resolve));
const callbackUrl = `http://127.0.0.1:${(callback.address() as { port: number }).port}/oauth/callback`;

onTeardown('close the callback server', () => new Promise((resolve) => callback.close(resolve)));

test(
  'log in, approve and land on the redirect URI with a code; deny lands with access_denied',
  { skip: NO_CHROMIUM },
  async () => {
    await fixtures(databaseUrl).account({ username: 'erin' });
    const registered = await fetch(`${web.url}/api/v1/apps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_name: 'Pocket Posts',
        redirect_uris: callbackUrl,
        scopes: 'read write follow',
        website: 'https://pocket.example',
      }),
    });
    const client = (await registered.json()) as { client_id: string; client_secret: string };
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: client.client_id,
      redirect_uri: callbackUrl,
      scope: 'read write:statuses follow',
      state: 'st4te',
    });
    const authorizeUrl = `${web.url}/oauth/authorize?${query}`;

    const browser = await launchBrowser();
    const context = await newContext(browser, { viewport: { width: 1024, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));

    await page.goto(authorizeUrl);
    assert.equal(new URL(page.url()).pathname, '/login');
    await page.getByLabel('Username or e-mail').fill('erin');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(authorizeUrl);
    assert.equal(await page.locator('h1').innerText(), 'Authorize Pocket Posts?');
    assert.deepEqual(await page.locator('.scope-name').allInnerTexts(), ['read', 'write:statuses', 'follow']);
    await page.screenshot({ path: path.join(shots, 'oauth-authorize.png'), fullPage: true });

    await page.getByRole('button', { name: 'Approve' }).click();
    await page.waitForURL((url) => url.href.startsWith(callbackUrl));
    const landed = new URL(page.url());
    assert.match(landed.searchParams.get('code') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.equal(landed.searchParams.get('state'), 'st4te');

    // The code works once, for this client.
    const token = await fetch(`${web.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: landed.searchParams.get('code')!,
        redirect_uri: callbackUrl,
        client_id: client.client_id,
        client_secret: client.client_secret,
      }),
    });
    assert.equal(token.status, 200);
    assert.equal(((await token.json()) as { scope: string }).scope, 'read write:statuses follow');

    await page.goto(authorizeUrl);
    await page.getByRole('button', { name: 'Deny' }).click();
    await page.waitForURL((url) => url.href.startsWith(callbackUrl));
    const denied = new URL(page.url());
    assert.equal(denied.searchParams.get('error'), 'access_denied');
    assert.equal(denied.searchParams.get('state'), 'st4te');
    assert.equal(denied.searchParams.get('code'), null);

    await page.goto(`${web.url}/settings/apps`);
    assert.match(await page.locator('.authorized-app h2').innerText(), /Pocket Posts/);
    await page.screenshot({ path: path.join(shots, 'oauth-settings-apps.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(authorizeUrl);
    await page.screenshot({ path: path.join(shots, 'oauth-authorize-phone.png'), fullPage: true });
    await page.goto(`${web.url}/settings/apps`);
    await page.getByRole('button', { name: 'Revoke Pocket Posts' }).click();
    await page.waitForURL(`${web.url}/settings/apps`);
    assert.match(await page.locator('.flash').innerText(), /Pocket Posts can no longer use your account/);
    assert.equal(await page.locator('.authorized-app').count(), 0);

    // Out of band: the code is shown to copy.
    const oob = await fetch(`${web.url}/api/v1/apps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_name: 'Terminal client', redirect_uris: 'urn:ietf:wg:oauth:2.0:oob' }),
    });
    const oobClient = (await oob.json()) as { client_id: string };
    const oobQuery = new URLSearchParams({
      response_type: 'code',
      client_id: oobClient.client_id,
      redirect_uri: 'urn:ietf:wg:oauth:2.0:oob',
      scope: 'read',
    });
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.goto(`${web.url}/oauth/authorize?${oobQuery}`);
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.waitForURL(`${web.url}/oauth/authorize`);
    assert.match(await page.getByLabel('Authorization code').inputValue(), /^[A-Za-z0-9_-]{43}$/);
    await page.screenshot({ path: path.join(shots, 'oauth-oob-code.png'), fullPage: true });
    assert.deepEqual(problems, []);
  },
);

test(
  'force_login: the page asks which account; "Use another account" logs out, logs in as the other, and comes back',
  { skip: NO_CHROMIUM },
  async () => {
    const f = fixtures(databaseUrl);
    await f.account({ username: 'frank' });
    await f.account({ username: 'grace' });
    const app = await f.oauthApp({ name: 'Switcher', redirectUri: callbackUrl, scopes: 'read' });
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: app.clientId,
      redirect_uri: callbackUrl,
      scope: 'read',
    });
    const authorizeUrl = `${web.url}/oauth/authorize?${query}`;
    const browser = await launchBrowser();
    const context = await newContext(browser, { viewport: { width: 1024, height: 700 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on(
      'console',
      (m) => m.type() === 'error' && !/Failed to load resource/.test(m.text()) && problems.push(m.text()),
    );
    page.on('pageerror', (e) => problems.push(e.message));
    const logIn = async (username: string) => {
      await page.getByLabel('Username or e-mail').fill(username);
      await page.getByLabel('Password').fill('correct horse battery');
      await page.getByRole('button', { name: 'Log in' }).click();
    };

    await page.goto(`${web.url}/login`);
    await logIn('frank');
    await page.waitForURL(`${web.url}/`);
    await page.goto(`${authorizeUrl}&force_login=true`);
    assert.equal(await page.locator('h1').innerText(), 'Which account should Switcher use?');
    await page.screenshot({ path: path.join(shots, 'oauth-choose-account.png'), fullPage: true });
    // Continuing keeps the person logged in and shows the consent page.
    await page.getByRole('link', { name: 'Continue as @frank' }).click();
    await page.waitForURL(authorizeUrl);
    assert.match(await page.locator('.authorize-lead').innerText(), /@frank/);
    // Another account: log out, log in as grace, and come back to the consent page.
    await page.goto(`${authorizeUrl}&force_login=True`);
    await page.getByRole('button', { name: 'Use another account' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await logIn('grace');
    await page.waitForURL(authorizeUrl);
    assert.match(await page.locator('.authorize-lead').innerText(), /@grace/);
    assert.deepEqual(problems, []);
  },
);
