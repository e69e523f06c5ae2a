// In real Chromium: sign up, post, see it on `/`, log out, still see it, log in again; the live character
// counter; the compose form without JavaScript; no CSP violations; screenshots at desktop and phone widths
// (SCREENSHOT_DIR, default /tmp/screens) for a person to look at.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  DESKTOP,
  launchBrowser,
  NO_CHROMIUM,
  PHONE,
  watchedPage,
  type WatchedPage,
} from '../../../test/support/browser.ts';
import { testDatabase } from '../../../test/support/database.ts';
import { startWeb } from '../../../test/support/processes.ts';
import { fixtures, PASSWORD } from '../../../test/support/fixtures.ts';

const SCREENS = process.env.SCREENSHOT_DIR ?? '/tmp/screens';
const skip = NO_CHROMIUM;
const databaseUrl = skip ? null! : await testDatabase();
const web = skip ? null! : await startWeb(databaseUrl, { RATE_LIMIT_AUTH: '1000' });
const browser: Browser = skip ? null! : await launchBrowser();
const f = fixtures(databaseUrl);

/** Nothing sticks out sideways: the page is no wider than the viewport. */
async function assertNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${what}: the page is ${overflow}px wider than the viewport`);
}

/** Fails with what the console said if anything went wrong on the page. */
function assertClean(w: WatchedPage): void {
  assert.deepEqual(w.cspViolations(), [], 'no Content-Security-Policy violations');
  assert.deepEqual(w.problems, [], 'no console errors');
}

describe('the basics in Chromium', { skip }, () => {
  let w: WatchedPage;
  before(async () => {
    w = await watchedPage(browser, DESKTOP);
  });

  test('sign up', async () => {
    const { page } = w;
    await page.goto(`${web.url}/signup`);
    await page.getByLabel('Username').fill('brenda');
    await page.getByLabel('E-mail').fill('brenda@example.com');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.waitForURL(`${web.url}/`);
    assert.match(await page.locator('.flash').innerText(), /Welcome to microposts, @brenda!/);
    assert.equal(await page.locator('a.me').innerText(), '@brenda');
    assertClean(w);
  });

  test('the counter counts code points as you type, and marks going over', async () => {
    const { page } = w;
    const textarea = page.locator('form.compose textarea[name=text]');
    const counter = page.locator('form.compose .counter');
    assert.equal(await counter.innerText(), '500 characters left');
    await textarea.fill('Hello 😀');
    assert.equal(await counter.innerText(), '493 characters left');
    await textarea.fill('😀'.repeat(500));
    assert.equal(await counter.innerText(), '0 characters left');
    assert.equal(await counter.evaluate((el) => el.classList.contains('over')), false);
    // (501 emoji would be 1002 UTF-16 units: the textarea's maxlength of 1000 stops that already.)
    await textarea.fill('😀'.repeat(499) + 'ab');
    assert.equal(await counter.innerText(), '1 over the limit');
    assert.equal(await counter.evaluate((el) => el.classList.contains('over')), true);
    await textarea.fill('e\u0301'.repeat(251));
    assert.equal(await counter.innerText(), '2 over the limit');
    await textarea.fill('');
    assert.equal(await counter.innerText(), '500 characters left');
    assert.equal(await counter.evaluate((el) => el.classList.contains('over')), false);
    assertClean(w);
  });

  test('post, and see it on `/`', async () => {
    const { page } = w;
    await page
      .locator('form.compose textarea[name=text]')
      .fill('My first post from a real browser #hello <b>not bold</b>');
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await page.waitForURL(`${web.url}/`);
    assert.equal(await page.locator('.flash').innerText(), 'Your post is live.');
    const first = page.locator('article.status').first();
    assert.equal(
      await first.locator('.content').innerText(),
      'My first post from a real browser #hello <b>not bold</b>',
    );
    assert.equal(await first.locator('.content b').count(), 0);
    assertClean(w);
  });

  test('a post that is too long comes back with the error and the text, counter already over', async () => {
    const { page } = w;
    const long = 'x'.repeat(501);
    // The textarea's maxlength (in UTF-16 units) allows 1000, so the server decides.
    await page.locator('form.compose textarea[name=text]').fill(long);
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await page.waitForLoadState();
    assert.equal(
      await page.locator('#compose-error').innerText(),
      'Text is too long (501 characters; the maximum is 500).',
    );
    assert.equal(await page.locator('form.compose textarea[name=text]').inputValue(), long);
    assert.equal(await page.locator('form.compose .counter').innerText(), '1 over the limit');
    assertClean(w);
  });

  test('log out, and still see the post', async () => {
    const { page } = w;
    await page.goto(`${web.url}/`);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(`${web.url}/`);
    assert.equal(await page.locator('a.me').count(), 0);
    assert.equal(await page.locator('form.compose').count(), 0);
    assert.match(
      await page.locator('article.status').first().innerText(),
      /My first post from a real browser/,
    );
    assertClean(w);
  });

  test('log in again', async () => {
    const { page } = w;
    await page.getByRole('link', { name: 'Log in' }).click();
    await page.waitForURL(`${web.url}/login`);
    await page.getByLabel('Username or e-mail').fill('Brenda');
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForLoadState();
    assert.equal(await page.locator('.form-error').innerText(), 'Incorrect username or password.');
    assert.equal(await page.getByLabel('Username or e-mail').inputValue(), 'Brenda');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${web.url}/`);
    assert.equal(await page.locator('a.me').innerText(), '@brenda');
    assertClean(w);
  });

  test('the keyboard reaches the skip link first, and it moves to the content', async () => {
    const { page } = w;
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => location.hash), '#main');
  });
});

test(
  'without JavaScript, the compose form still posts and the counter shows the limit',
  { skip },
  async () => {
    await f.account({ username: 'nojs' });
    const w = await watchedPage(browser, DESKTOP, { javaScriptEnabled: false });
    await w.page.goto(`${web.url}/login`);
    await w.page.getByLabel('Username or e-mail').fill('nojs');
    await w.page.getByLabel('Password').fill(PASSWORD);
    await w.page.getByRole('button', { name: 'Log in' }).click();
    await w.page.waitForURL(`${web.url}/`);
    assert.equal(await w.page.locator('form.compose .counter').innerText(), '500 characters');
    await w.page.locator('form.compose textarea[name=text]').fill('Posted without JavaScript');
    await w.page.getByRole('button', { name: 'Post', exact: true }).click();
    await w.page.waitForURL(`${web.url}/`);
    assert.match(await w.page.locator('article.status').first().innerText(), /Posted without JavaScript/);
  },
);

test(
  'screenshots of `/`, a profile, a status page and /signup with errors, desktop and phone',
  { skip },
  async () => {
    // Some content worth looking at.
    const alice = await f.account({ username: 'alice_wonder' });
    const texts = [
      'Good morning @brenda! Coffee first, then #microposts. https://example.com/a/rather/long/link/that/should/wrap/nicely?on=phones',
      'Two paragraphs:\n\nthe second one, with a line\nbreak and <script>alert("inert")</script>',
      'A'.repeat(120) + ' a long unbroken word to test wrapping',
    ];
    let statusPath = '';
    for (const text of texts) statusPath = `/@alice_wonder/${(await f.status(alice, text)).id}`;

    for (const [size, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      const w = await watchedPage(browser, viewport);
      const { page } = w;
      const shots: string[] = [];
      for (const [name, path] of [
        ['timeline', '/'],
        ['profile', '/@alice_wonder'],
        ['status', statusPath],
      ] as const) {
        await page.goto(`${web.url}${path}`);
        shots.push(await w.screenshot(SCREENS, `${name}-${size}`));
        await assertNoSidewaysScroll(page, `${path} on ${size}`);
      }
      await page.goto(`${web.url}/signup`);
      await page.getByLabel('Username').fill('Brenda');
      await page.getByLabel('E-mail').fill('not an address');
      await page.getByLabel('Password').fill('short');
      await page.getByRole('button', { name: 'Sign up' }).click();
      await page.waitForLoadState();
      assert.equal(await page.locator('#field-username-error').innerText(), 'Username is already taken.');
      shots.push(await w.screenshot(SCREENS, `signup-errors-${size}`));
      // Logged in, with the compose form.
      await page.goto(`${web.url}/login`);
      await page.getByLabel('Username or e-mail').fill('alice_wonder');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.waitForURL(`${web.url}/`);
      shots.push(await w.screenshot(SCREENS, `home-logged-in-${size}`));
      await assertNoSidewaysScroll(page, `home on ${size}`);
      assertClean(w);
      assert.equal(shots.length, 5);
    }

    // The stylesheet follows the system's dark mode.
    const dark = await watchedPage(browser, PHONE, { colorScheme: 'dark' });
    for (const [name, path] of [
      ['timeline', '/'],
      ['signup', '/signup'],
    ] as const) {
      await dark.page.goto(`${web.url}${path}`);
      await dark.screenshot(SCREENS, `${name}-phone-dark`);
    }
    const background = await dark.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(background, 'rgb(15, 17, 23)');
    assertClean(dark);
  },
);
