// In real Chromium with JavaScript off (nothing here needs it): the Pin button puts a post first on
// the profile, marked "Pinned"; the "Edited" link leads to the versions page. Screenshots go to
// $SCREENSHOT_DIR (default: a temporary folder).
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { launchBrowser, NO_CHROMIUM, watchedPage } from '../../../test/support/browser.ts';
import { startApiServer } from '../../../test/support/api-server.ts';
import { fixtures } from '../../../test/support/fixtures.ts';
import { sqlClient } from '../../../test/support/sql.ts';

const web = await startApiServer({ RATE_LIMIT_AUTH: '1000' });
const f = fixtures(web.app);
const sql = sqlClient(web.app.databaseUrl);
const shots = process.env.SCREENSHOT_DIR ?? path.join(tmpdir(), 'microposts-screenshots');

test(
  'pin a post and read the versions of an edited one, with JavaScript off',
  { skip: NO_CHROMIUM },
  async () => {
    const browser = await launchBrowser();
    const account = await f.account({ username: 'ada' });
    const first = await f.status(account.id, 'My garden in spring: tulips, then roses. #garden');
    const edited = await f.status(account.id, 'Tomatoes planted on Monday.');
    await web.app.services.statuses.edit({
      actorId: account.id,
      statusId: edited.id,
      text: 'Tomatoes planted on Tuesday (not Monday).',
    });
    const { page } = await watchedPage(browser, { width: 900, height: 900 }, { javaScriptEnabled: false });
    await page.goto(`${web.url}/login`);
    await page.getByLabel('Username or e-mail').fill(account.username);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${web.url}/`);

    await page.goto(`${web.url}/@ada`);
    await page.locator(`#s-${first.id}`).getByRole('button', { name: 'Pin to your profile' }).click();
    await page.waitForURL(`${web.url}/@ada#s-${first.id}`);
    assert.equal(await sql.count('SELECT count(*) FROM status_pins'), 1);
    const pinned = page.locator('section.pinned');
    assert.match(await pinned.innerText(), /Pinned[\s\S]*My garden in spring/);
    await page.screenshot({ path: path.join(shots, 'profile-pinned.png'), fullPage: true });

    await page
      .locator(`#s-${edited.id}`)
      .first()
      .getByRole('link', { name: /Edited/ })
      .click();
    await page.waitForURL(`${web.url}/@ada/${edited.id}/history`);
    const versions = page.locator('ol.versions > li');
    assert.equal(await versions.count(), 2);
    assert.match(await versions.nth(0).innerText(), /Current version[\s\S]*Tuesday/);
    assert.match(await versions.nth(1).innerText(), /Original[\s\S]*Monday/);
    await page.screenshot({ path: path.join(shots, 'status-history.png'), fullPage: true });
  },
);
