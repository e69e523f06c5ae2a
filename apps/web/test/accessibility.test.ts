// Every page of the website, in real Chromium, checked with axe-core: logged out and logged in, light and
// dark colour scheme. A page fails on any WCAG 2.1 A/AA violation of impact serious or critical; the
// rest (moderate, minor, best practice) is printed. Also: no sideways scrolling at phone width, and the
// keyboard reaches the skip link first and then the compose form. Screenshots of every page at 390 and
// 1280 px, light and dark, go to $SCREENSHOT_DIR (default /tmp/screens-qa) for a person to look at.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, describe, test, type TestContext } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { blocking, describeFindings, runAxe, type AxeFinding } from '../../../test/support/axe.ts';
import { addDays, lastCompleteDay } from '@microposts/core';
import type { App } from '@microposts/runtime';
import { testApp } from '../../../test/support/app.ts';
import { DESKTOP, launchBrowser, NO_CHROMIUM, PHONE, watchedPage } from '../../../test/support/browser.ts';
import { createTestToken } from '../../../test/support/oauth.ts';
import { startWeb } from '../../../test/support/processes.ts';
import { SiteClient } from '../../../test/support/site-client.ts';
import { sqlClient } from '../../../test/support/sql.ts';
import { seedStatsDay } from '../../../test/support/stats-seed.ts';
import { accountToken, unsubscribeUrl } from '../../../packages/core/src/mail/links.ts';

const SKIP = NO_CHROMIUM;
const SCREENS = process.env.SCREENSHOT_DIR ?? '/tmp/screens-qa';
const PASSWORD = 'correct horse battery';
const SECRET = 'test-secret-key-that-is-long-enough-1234';

type Who = 'out' | 'in';
interface PageSpec {
  name: string;
  path: string;
  /** Who sees it: logged out only, logged in only, or both. */
  for: Who[];
  /** The status the page answers with when it works (200 unless said). */
  status?: number;
  /** Something to do after loading, e.g. send a form with mistakes. */
  then?: (page: Page) => Promise<void>;
}

const app: App | null = SKIP ? null : await testApp();
const web = app ? await startWeb(app.databaseUrl, { RATE_LIMIT_AUTH: '1000' }) : null;
const browser: Browser | null = SKIP ? null : await launchBrowser();

/** Two people with posts, a reply, a mention, follows and favourites; OAuth apps; some statistics. */
async function seed(
  base: string,
): Promise<{ threadPath: string; authorizePath: string; resetPath: string; unsubscribePath: string }> {
  // Three computed days draw a chart on /stats (the days between show as missing).
  const yesterday = lastCompleteDay();
  for (const [i, back] of [0, 2, 3].entries()) {
    await seedStatsDay(app!.db, addDays(yesterday, -back), `st${i}`);
    await app!.services.stats.computeDay({ day: addDays(yesterday, -back) });
  }
  const alice = new SiteClient(base);
  const bob = new SiteClient(base);
  await alice.signup('alice_qa');
  await bob.signup('bob_qa');
  const post = async (client: SiteClient, text: string, inReplyToId?: string) => {
    await client.get('/');
    const page = await client.post('/statuses', {
      text,
      ...(inReplyToId ? { in_reply_to_id: inReplyToId } : {}),
    });
    assert.equal(page.status, 303, `posting ${text}`);
  };
  await post(alice, 'Planting tomatoes today, wish me luck #garden');
  await post(
    alice,
    'A long one: https://example.com/a/rather/long/link/that/should/wrap/on/phones?with=query&and=more ' +
      'and some words after it so that the paragraph wraps over several lines on any screen. #garden #spring',
  );
  const first = (await alice.get('/@alice_qa')).doc
    .querySelectorAll('article.status a.time')
    .map((a) => a.getAttribute('href')!)
    .at(-1)!;
  const id = first.split('/').at(-1)!;
  await post(bob, '@alice_qa good luck, they will be great!', id);
  await post(bob, 'Hey @alice_qa, want some seedlings? #garden');
  await bob.get('/@alice_qa');
  assert.equal((await bob.post('/@alice_qa/follow', {})).status, 303);
  await bob.get(first);
  assert.equal((await bob.post(`${first}/favourite`, {})).status, 303);
  await alice.get('/@bob_qa');
  assert.equal((await alice.post('/@bob_qa/follow', {})).status, 303);
  const bobs = (await alice.get('/@bob_qa')).doc
    .querySelector('article.status a.time')!
    .getAttribute('href')!;
  assert.equal((await alice.post(`${bobs}/favourite`, {})).status, 303);
  // An app alice authorized, listed on /settings/apps.
  await createTestToken(app!, { username: 'alice_qa', appName: 'Feed Reader', scopes: 'read' });

  const registered = await fetch(`${base}/api/v1/apps`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      client_name: 'Pocket Posts',
      redirect_uris: 'https://pocket.example/callback',
      scopes: 'read write follow',
      website: 'https://pocket.example',
    }),
  });
  assert.equal(registered.status, 200);
  const client = (await registered.json()) as { client_id: string };
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: client.client_id,
    redirect_uri: 'https://pocket.example/callback',
    scope: 'read write:statuses follow',
  });
  // A password reset link for bob, as the e-mail would carry it, and alice's unsubscribe link.
  await app!.services.accountEmails.issuePasswordReset({ email: 'bob_qa@example.com' });
  const sql = sqlClient(app!.databaseUrl);
  const [token] = await sql.rows<{ id: string }>(
    `SELECT id FROM account_tokens WHERE purpose = 'password_reset'`,
  );
  const [alice_] = await sql.rows<{ id: string }>(
    `SELECT id::text FROM accounts WHERE username = 'alice_qa'`,
  );
  return {
    threadPath: first,
    authorizePath: `/oauth/authorize?${query}`,
    resetPath: `/password/reset?token=${encodeURIComponent(accountToken(SECRET, token!.id))}`,
    unsubscribePath: unsubscribeUrl(base, SECRET, alice_!.id).slice(base.length),
  };
}

/** A full-page PNG, cut at 3000 px so that long pages (the API docs) stay legible. */
async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS, { recursive: true });
  const { width, height } = await page.evaluate(() => ({
    width: innerWidth,
    height: document.documentElement.scrollHeight,
  }));
  const clip = { x: 0, y: 0, width, height: Math.min(height, 3000) };
  await page.screenshot({ path: path.join(SCREENS, `${name}.png`), fullPage: true, clip });
}

async function logIn(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel('Username or e-mail').fill('alice_qa');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${base}/`);
}

describe('accessibility of every page', { skip: SKIP }, () => {
  const notBuilt = new Set<string>();
  const moderate: string[] = [];
  let pages: PageSpec[] = [];

  after(() => {
    console.log(`Pages not built yet (404), skipped: ${[...notBuilt].join(', ') || 'none'}`);
    console.log(
      `Moderate/minor/best-practice findings: ${moderate.length ? `\n${moderate.join('\n')}` : 'none'}`,
    );
  });

  test('seed two accounts with posts, a reply, a mention, follows, favourites, an app and statistics', async () => {
    const { threadPath, authorizePath, resetPath, unsubscribePath } = await seed(web!.url);
    const both: Who[] = ['out', 'in'];
    pages = [
      { name: 'home', path: '/', for: both },
      { name: 'public', path: '/public', for: both },
      { name: 'profile', path: '/@alice_qa', for: both },
      // Someone else's profile: logged in, with the Unfollow button and "follows you".
      { name: 'profile-other', path: '/@bob_qa', for: both },
      {
        name: 'compose-error',
        path: '/',
        for: ['in'],
        then: async (page) => {
          await page.locator('#compose-text').fill('x'.repeat(501));
          await page.getByRole('button', { name: 'Post', exact: true }).click();
          await page.waitForLoadState();
          assert.ok(await page.locator('#compose-error').count(), 'the error is shown');
        },
      },
      {
        name: 'settings-errors',
        path: '/settings',
        for: ['in'],
        then: async (page) => {
          await page.getByLabel('Current password').fill('wrong password');
          await page.getByLabel('New password').fill('short');
          await page.getByRole('button', { name: 'Change password' }).click();
          await page.waitForLoadState();
          assert.ok(await page.locator('p.error').count(), 'the errors are shown');
        },
      },
      { name: 'thread', path: threadPath, for: both },
      { name: 'followers', path: '/@alice_qa/followers', for: both },
      { name: 'following', path: '/@bob_qa/following', for: both },
      { name: 'notifications', path: '/notifications', for: ['in'] },
      { name: 'settings', path: '/settings', for: ['in'] },
      { name: 'settings-apps', path: '/settings/apps', for: ['in'] },
      { name: 'search', path: '/search?q=garden', for: both },
      { name: 'search-empty', path: '/search', for: both },
      { name: 'search-people', path: '/search?q=alice', for: both },
      { name: 'tag', path: '/tags/garden', for: both },
      { name: 'stats', path: '/stats', for: both },
      { name: 'signup', path: '/signup', for: ['out'] },
      { name: 'login', path: '/login', for: ['out'] },
      {
        name: 'signup-errors',
        path: '/signup',
        for: ['out'],
        then: async (page) => {
          await page.getByLabel('Username').fill('alice_qa');
          await page.getByLabel('E-mail').fill('not an address');
          await page.getByLabel('Password').fill('short');
          await page.getByRole('button', { name: 'Sign up' }).click();
          await page.waitForLoadState();
          assert.ok(await page.locator('p.error').count(), 'the errors are shown');
        },
      },
      {
        name: 'login-error',
        path: '/login',
        for: ['out'],
        then: async (page) => {
          await page.getByLabel('Username or e-mail').fill('alice_qa');
          await page.getByLabel('Password').fill('wrong password');
          await page.getByRole('button', { name: 'Log in' }).click();
          await page.waitForLoadState();
        },
      },
      { name: 'api-docs', path: '/api/docs', for: both },
      { name: 'authorize', path: authorizePath, for: ['in'] },
      { name: 'not-found', path: '/no/such/page', for: both, status: 404 },
      { name: 'password-forgot', path: '/password/forgot', for: ['out'] },
      {
        name: 'password-forgot-sent',
        path: '/password/forgot',
        for: ['out'],
        then: async (page) => {
          await page.getByLabel('E-mail').fill('nobody@example.com');
          await page.getByRole('button', { name: 'Send me a link' }).click();
          await page.waitForLoadState();
        },
      },
      { name: 'password-reset', path: resetPath, for: ['out'] },
      {
        name: 'password-reset-errors',
        path: resetPath,
        for: ['out'],
        then: async (page) => {
          await page.locator('input[type=password]').first().fill('short');
          await page.locator('form button[type=submit]').last().click();
          await page.waitForLoadState();
          assert.ok(await page.locator('p.error').count(), 'the error is shown');
        },
      },
      { name: 'password-reset-bad-link', path: '/password/reset?token=nope', for: ['out'], status: 422 },
      { name: 'email-confirm-bad-link', path: '/email/confirm?token=nope', for: both, status: 422 },
      { name: 'unsubscribe', path: unsubscribePath, for: both },
      { name: 'unsubscribe-bad-link', path: '/unsubscribe?account=1&sig=nope', for: both, status: 403 },
      {
        name: 'authorize-unknown-app',
        path: '/oauth/authorize?response_type=code&client_id=nope&redirect_uri=https://x.example/',
        for: ['in'],
        status: 400,
      },
    ];
  });

  for (const scheme of ['light', 'dark'] as const) {
    for (const who of ['out', 'in'] as const) {
      test(`${scheme} scheme, logged ${who}`, async (t: TestContext) => {
        const w = await watchedPage(browser!, DESKTOP, { colorScheme: scheme });
        const { page } = w;
        if (who === 'in') await logIn(page, web!.url);
        const failures: string[] = [];
        for (const spec of pages.filter((p) => p.for.includes(who))) {
          const response = await page.goto(`${web!.url}${spec.path}`);
          const status = response?.status() ?? 0;
          if (status === 404 && spec.status !== 404) {
            notBuilt.add(spec.path);
            continue;
          }
          assert.equal(status, spec.status ?? 200, `${spec.path} answers`);
          await spec.then?.(page);
          const label = `${spec.name} (${who}, ${scheme})`;
          const findings: AxeFinding[] = await runAxe(page);
          const bad = blocking(findings);
          if (bad.length) failures.push(`${label}:\n${describeFindings(bad)}`);
          const rest = findings.filter((f) => !bad.includes(f));
          if (rest.length && scheme === 'light') moderate.push(`${label}:\n${describeFindings(rest)}`);
          await screenshot(page, `${spec.name}-${who}-${scheme}-1280`);
          // Reflow (WCAG 1.4.10): nothing scrolls sideways down to 320 CSS pixels (a small phone, or 400% zoom).
          for (const width of [320, PHONE.width]) {
            await page.setViewportSize({ width, height: PHONE.height });
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
            if (overflow > 0) failures.push(`${label}: ${overflow}px wider than a ${width}px screen`);
          }
          if (scheme === 'dark') {
            // Contrast depends on the scheme, layout on the width: the dark phone layout is checked too.
            const phoneBad = blocking(await runAxe(page));
            if (phoneBad.length) failures.push(`${label} at 390px:\n${describeFindings(phoneBad)}`);
          }
          await screenshot(page, `${spec.name}-${who}-${scheme}-390`);
          await page.setViewportSize(DESKTOP);
        }
        t.diagnostic(`screenshots in ${SCREENS}`);
        if (failures.length) assert.fail(`accessibility problems:\n${failures.join('\n')}`);
        assert.deepEqual(w.cspViolations(), [], 'no Content-Security-Policy violations');
      });
    }
  }

  test('the checker itself fails a page with a real problem (axe runs despite the CSP)', async () => {
    const { page } = await watchedPage(browser!, DESKTOP);
    await page.goto(`${web!.url}/`);
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'Pale grey on white';
      p.style.color = '#d0d0d0';
      p.style.background = '#ffffff';
      document.querySelector('main')!.append(p);
      document.querySelector('main')!.append(document.createElement('img'));
    });
    const rules = blocking(await runAxe(page)).map((f) => f.rule);
    assert.deepEqual(rules.sort(), ['color-contrast', 'image-alt']);
  });

  test('the keyboard reaches the skip link first, then the compose textarea and the Post button', async () => {
    const { page } = await watchedPage(browser!, DESKTOP);
    await page.goto(`${web!.url}/`);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
    await logIn(page, web!.url);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
    // The skip link leads to the main landmark; from there the compose form comes first.
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => location.hash), '#main');
    const reached: string[] = [];
    for (let i = 0; i < 40 && !reached.includes('post-button'); i++) {
      await page.keyboard.press('Tab');
      const which = await page.evaluate(() => {
        const el = document.activeElement;
        if (el?.id === 'compose-text') return 'textarea';
        if (el?.matches('form.compose button[type=submit]')) return 'post-button';
        return el?.tagName ?? 'none';
      });
      reached.push(which);
    }
    assert.ok(reached.includes('textarea'), `the textarea is reached (${reached.join(', ')})`);
    assert.ok(reached.includes('post-button'), `the Post button is reached (${reached.join(', ')})`);
    assert.ok(reached.indexOf('textarea') < reached.indexOf('post-button'));
    // Back to the textarea, type, forward to the button: Enter posts.
    const focusBy = async (key: string, test: () => boolean) => {
      for (let i = 0; i < 40; i++) {
        if (await page.evaluate(test)) return;
        await page.keyboard.press(key);
      }
      assert.fail(`${key} never reached the element`);
    };
    await focusBy('Shift+Tab', () => document.activeElement?.id === 'compose-text');
    await page.keyboard.type('Posted with the keyboard only');
    await screenshot(page, 'keyboard-focus-compose');
    await focusBy('Tab', () => !!document.activeElement?.matches('form.compose button[type=submit]'));
    await page.keyboard.press('Enter');
    await page.waitForURL(`${web!.url}/`);
    assert.match(await page.locator('article.status').first().innerText(), /Posted with the keyboard only/);
  });
});
