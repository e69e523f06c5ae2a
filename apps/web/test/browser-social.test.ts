// In real Chromium, two people: A follows B, B posts mentioning A, A sees it on the home timeline and in
// notifications, replies, B favourites the reply, A sees the notification. Screenshots of the home
// timeline, a thread and the notifications page go to $SCREENSHOT_DIR (default: a temporary folder).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newContext, NO_CHROMIUM } from '../../../test/support/browser.ts';
import { testDatabase } from '../../../test/support/database.ts';
import { fixtures } from '../../../test/support/fixtures.ts';
import { startWeb } from '../../../test/support/processes.ts';

const databaseUrl = await testDatabase();
const web = await startWeb(databaseUrl, { RATE_LIMIT_AUTH: '1000' });
const f = fixtures(databaseUrl);
const shots = process.env.SCREENSHOT_DIR ?? path.join(tmpdir(), 'microposts-screenshots');
mkdirSync(shots, { recursive: true });

let browser: Browser;

/** A new account, logged in through the log-in form in its own browser context. */
async function person(username: string, problems: string[]): Promise<Page> {
  const account = await f.account({ username });
  const context = await newContext(browser, { viewport: { width: 1024, height: 900 } });
  const page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && problems.push(`${username}: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`${username}: ${e.message}`));
  await page.goto(`${web.url}/login`);
  await page.getByLabel('Username or e-mail').fill(account.username);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${web.url}/`);
  return page;
}

const badge = (page: Page) => page.locator('.site-header .badge');

test(
  'follow, mention, home timeline, notifications, reply and favourite in Chromium',
  { skip: NO_CHROMIUM },
  async () => {
    browser = await launchBrowser();
    const problems: string[] = [];
    const a = await person('anna', problems);
    const b = await person('ben', problems);

    // A follows B from B's profile.
    await a.goto(`${web.url}/@ben`);
    await a.getByRole('button', { name: 'Follow', exact: true }).click();
    await a.waitForURL(`${web.url}/@ben`);
    await assertVisible(a.getByRole('button', { name: 'Unfollow' }));
    assert.match(await a.locator('.profile-tabs').innerText(), /1\s+Follower/);
    await a.screenshot({ path: path.join(shots, 'social-profile.png'), fullPage: true });
    await a.getByRole('link', { name: /1\s+Follower/ }).click();
    await assertVisible(a.locator('.account-list', { hasText: '@anna' }));
    await a.screenshot({ path: path.join(shots, 'social-followers.png'), fullPage: true });

    // B posts mentioning A.
    await b.goto(`${web.url}/`);
    await b.getByLabel("What's happening?").fill('Good morning @anna, coffee later?');
    await b.getByRole('button', { name: 'Post' }).click();
    await b.waitForURL(`${web.url}/`);

    // A sees it on the home timeline, with the unread badge.
    await a.goto(`${web.url}/`);
    const post = a.locator('article.status', { hasText: 'coffee later?' });
    await assertVisible(post);
    assert.equal(await badge(a).innerText(), '1');
    assert.equal(await a.locator('.timeline-tabs [aria-current=page]').innerText(), 'Home');
    await a.screenshot({ path: path.join(shots, 'social-home.png'), fullPage: true });

    // ... and in notifications; viewing them clears the badge.
    await a.getByRole('link', { name: /Notifications/ }).click();
    await a.waitForURL(`${web.url}/notifications`);
    await assertVisible(a.locator('.notification-mention', { hasText: 'coffee later?' }));
    assert.equal(await badge(a).count(), 0);

    // A replies from the notification: the reply form is pre-filled with @ben.
    await a.locator('.notification-mention').getByRole('link', { name: /Reply/ }).click();
    const replyBox = a.getByLabel('Reply to @ben');
    await assertVisible(replyBox);
    assert.equal(await replyBox.inputValue(), '@ben ');
    await replyBox.press('End');
    await replyBox.pressSequentially('yes, at ten!');
    await a.getByRole('button', { name: 'Reply', exact: true }).click();
    await a.waitForURL(/\/@anna\/\d+$/);
    const replyUrl = a.url();
    // The reply's page shows the post it answers above it.
    await assertVisible(a.locator('.ancestors article', { hasText: 'coffee later?' }));
    await a.locator('.ancestors a.time').click();
    await assertVisible(a.locator('.descendants article', { hasText: 'yes, at ten!' }));
    await a.screenshot({ path: path.join(shots, 'social-thread.png'), fullPage: true });

    // B favourites the reply (B has a notification of the mention in it).
    await b.goto(`${web.url}/notifications`);
    const mention = b.locator('.notification-mention', { hasText: 'yes, at ten!' });
    await mention.getByRole('button', { name: /^Favourite/ }).click();
    await b.waitForURL(/\/notifications#s-\d+$/);
    await assertVisible(
      b
        .locator('.notification-mention', { hasText: 'yes, at ten!' })
        .getByRole('button', { name: 'Unfavourite (1 favourite)' }),
    );

    // A sees the favourite notification.
    await a.goto(replyUrl);
    assert.equal(await badge(a).innerText(), '1');
    await a.getByRole('link', { name: /Notifications/ }).click();
    const fav = a.locator('.notification-favourite');
    await assertVisible(fav);
    assert.match(await fav.innerText(), /ben\s+favourited your post/);
    assert.match(await fav.innerText(), /yes, at ten!/);
    await a.screenshot({ path: path.join(shots, 'social-notifications.png'), fullPage: true });

    // The same pages on a phone.
    await a.setViewportSize({ width: 390, height: 844 });
    await a.goto(`${web.url}/@ben`);
    await a.locator('article.status a.time').first().click();
    await a.screenshot({ path: path.join(shots, 'social-thread-phone.png'), fullPage: true });
    const overflow = await a.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    assert.equal(overflow, false, 'nothing is wider than a phone screen');

    assert.deepEqual(problems, []);
  },
);

async function assertVisible(locator: ReturnType<Page['locator']>): Promise<void> {
  await locator.first().waitFor({ state: 'visible' });
}
