// The website's live updates (issue 12 item 6) in real Chromium: a reader on the home timeline is told
// "N new posts — show" as the people they follow post, and the notifications badge counts up, without
// a reload; a visitor on the public timeline is not told about unlisted posts; without JavaScript the
// pages are as before. Screenshot: $SCREENSHOT_DIR/live-home.png (default: a temporary folder).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, NO_CHROMIUM, watchedPage } from '../../../test/support/browser.ts';
import { testDatabase } from '../../../test/support/database.ts';
import { fixtures } from '../../../test/support/fixtures.ts';
import { startWeb } from '../../../test/support/processes.ts';

const skip = NO_CHROMIUM;
const databaseUrl = await testDatabase();
const web = await startWeb(databaseUrl, { RATE_LIMIT_AUTH: '1000' });
const f = fixtures(databaseUrl);
const shots = process.env.SCREENSHOT_DIR ?? path.join(tmpdir(), 'microposts-screenshots');
mkdirSync(shots, { recursive: true });
let browser: Browser;
if (!skip) browser = await launchBrowser();

/** Opens `path` and waits until its event stream is answered (the server has subscribed it then). */
async function openLive(page: Page, pathname: string) {
  const live = page.waitForResponse((r) => new URL(r.url()).pathname === '/live');
  await page.goto(`${web.url}${pathname}`);
  assert.equal((await live).status(), 200);
}

test('home: "N new posts — show" and the badge count up without a reload', { skip }, async () => {
  const reader = await f.account({ username: 'reader' });
  const writer = await f.account({ username: 'writer' });
  await f.follow(reader.id, writer.id);
  const { page, problems, screenshot } = await watchedPage(browser);
  await page.goto(`${web.url}/login`);
  await page.getByLabel('Username or e-mail').fill(reader.username);
  await page.getByLabel('Password').fill(reader.password);
  const live = page.waitForResponse((r) => new URL(r.url()).pathname === '/live');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${web.url}/`);
  await live;
  const notice = page.locator('.live-notice');
  assert.equal(await notice.isVisible(), false, 'nothing to tell yet');

  await f.status(writer.id, 'First news');
  await f.status(writer.id, 'Second news');
  await notice.getByRole('link', { name: '2 new posts — show' }).waitFor();
  await f.status(writer.id, '@reader this one is for you');
  await notice.getByRole('link', { name: '3 new posts — show' }).waitFor();
  await page.locator('.site-header .badge', { hasText: '1' }).waitFor();
  assert.equal(await page.locator('.site-header .badge').getAttribute('aria-label'), '1 unread');
  await screenshot(shots, 'live-home');

  await notice.getByRole('link').click();
  await page.getByText('@reader this one is for you').waitFor();
  assert.equal(await page.locator('.live-notice').isVisible(), false, 'the new page starts with no news');
  assert.deepEqual(problems, []);
});

test('public: a visitor is told of public posts, never of unlisted ones', { skip }, async () => {
  const author = await f.account({ username: 'author' });
  const { page, problems } = await watchedPage(browser);
  await openLive(page, '/');
  await f.status(author.id, 'quiet', { visibility: 'unlisted' });
  await f.status(author.id, 'loud', { visibility: 'public' });
  // Events come in commit order: had the unlisted one counted, this would read "2 new posts".
  await page.locator('.live-notice').getByRole('link', { name: '1 new post — show' }).waitFor();
  assert.deepEqual(problems, []);
});

test('without JavaScript the timeline is as before, with no notice', { skip }, async () => {
  const { page } = await watchedPage(browser, undefined, { javaScriptEnabled: false });
  await page.goto(`${web.url}/public`);
  await page.getByText('loud').waitFor();
  assert.equal(await page.locator('.live-notice').isVisible(), false);
});

test('/live refuses what it does not serve', async () => {
  const anonymous = await fetch(`${web.url}/live?stream=user`);
  assert.equal(anonymous.status, 401);
  assert.equal(await anonymous.text(), 'Log in first');
  const unknown = await fetch(`${web.url}/live?stream=direct`);
  assert.equal(unknown.status, 400);
  assert.equal(await unknown.text(), 'Unknown stream');
});
