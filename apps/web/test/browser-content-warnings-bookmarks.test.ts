// In real Chromium with JavaScript off (nothing here needs it): a post behind a content warning is
// collapsed until its summary is clicked, and the bookmark button bookmarks and comes back to the
// same place. Screenshots of the card go to $SCREENSHOT_DIR (default: a temporary folder).
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { launchBrowser, NO_CHROMIUM, watchedPage } from '../../../test/support/browser.ts';
import { testDatabase } from '../../../test/support/database.ts';
import { fixtures } from '../../../test/support/fixtures.ts';
import { startWeb } from '../../../test/support/processes.ts';
import { sqlClient } from '../../../test/support/sql.ts';

const databaseUrl = await testDatabase();
const web = await startWeb(databaseUrl, { RATE_LIMIT_AUTH: '1000' });
const f = fixtures(databaseUrl);
const sql = sqlClient(databaseUrl);
const shots = process.env.SCREENSHOT_DIR ?? path.join(tmpdir(), 'microposts-screenshots');

test(
  'a content warning collapses the post, the bookmark button bookmarks, with JavaScript off',
  { skip: NO_CHROMIUM },
  async () => {
    const browser = await launchBrowser();
    const account = await f.account({ username: 'ada' });
    const watched = await watchedPage(browser, { width: 900, height: 800 }, { javaScriptEnabled: false });
    const { page } = watched;
    await page.goto(`${web.url}/login`);
    await page.getByLabel('Username or e-mail').fill(account.username);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${web.url}/`);

    await page.getByLabel("What's happening?").fill('The butler did it. #mystery');
    await page.getByLabel('Content warning (optional)').fill('Spoilers for “The Long Weekend”');
    await page.getByRole('button', { name: 'Post' }).click();
    await page.waitForURL(`${web.url}/`);

    const card = page.locator('article.status', { hasText: 'The Long Weekend' });
    await card.waitFor();
    const text = card.locator('.content');
    assert.equal(await text.isVisible(), false, 'the text is hidden behind the warning');
    await card.getByRole('button', { name: /Bookmark/ }).click();
    await page.waitForURL(/\/#s-\d+$/);
    const bookmarked = page.locator('article.status', { hasText: 'The Long Weekend' });
    const button = bookmarked.getByRole('button', { name: /Bookmarked/ });
    assert.equal(await button.getAttribute('aria-pressed'), 'true');
    assert.equal(await sql.count('SELECT count(*) FROM bookmarks'), 1);
    const closed = path.join(shots, 'content-warning-card-closed.png');
    await bookmarked.screenshot({ path: closed });

    await bookmarked.locator('summary').click();
    assert.equal(await bookmarked.locator('.content').isVisible(), true, 'opened by the reader');
    assert.match(await bookmarked.locator('.content').innerText(), /The butler did it/);
    const open = path.join(shots, 'content-warning-card-open.png');
    await bookmarked.screenshot({ path: open });

    await page.getByRole('link', { name: 'Bookmarks' }).click();
    await page.waitForURL(`${web.url}/bookmarks`);
    assert.equal(await page.locator('article.status').count(), 1);
    const list = await watched.screenshot(shots, 'bookmarks-page');
    assert.deepEqual(watched.problems, []);
    console.log(`screenshots: ${closed} ${open} ${list}`);
  },
);
