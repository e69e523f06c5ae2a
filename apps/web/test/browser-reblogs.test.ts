// In real Chromium with JavaScript off: the Boost button boosts and comes back to the same place, the
// boost shows on the booster's profile under "<name> boosted", Unboost undoes it, and a followed
// profile's More menu hides and shows its boosts. Screenshots go
// to $SCREENSHOT_DIR (default: a temporary folder), at a desktop and a phone width.
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
  'the Boost button boosts and the boost shows on the profile, with JavaScript off',
  { skip: NO_CHROMIUM },
  async () => {
    const browser = await launchBrowser();
    const ada = await f.account({ username: 'ada', displayName: 'Ada Lovelace' });
    const grace = await f.account({ username: 'grace', displayName: 'Grace Hopper' });
    const post = await f.status(
      grace.id,
      'The most dangerous phrase is: we have always done it this way. #computing',
    );
    await f.favourite(ada.id, post.id);
    await f.follow(ada.id, grace.id);
    const shotsTaken: string[] = [];
    for (const [width, height, label] of [
      [900, 800, 'desktop'],
      [360, 740, 'phone'],
    ] as const) {
      const watched = await watchedPage(browser, { width, height }, { javaScriptEnabled: false });
      const { page } = watched;
      await page.goto(`${web.url}/login`);
      await page.getByLabel('Username or e-mail').fill(ada.username);
      await page.getByLabel('Password').fill(ada.password);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.waitForURL(`${web.url}/`);

      await page.goto(`${web.url}/public`);
      const card = page.locator(`#s-${post.id}`);
      await card.getByRole('button', { name: /^Boost/ }).click();
      await page.waitForURL(new RegExp(`/public#s-${post.id}$`));
      const boosted = page.locator(`#s-${post.id}`).getByRole('button', { name: /Boosted/ });
      assert.equal(await boosted.getAttribute('aria-pressed'), 'true');
      assert.equal(await sql.count(`SELECT count(*) FROM statuses WHERE reblog_of_id = ${post.id}`), 1);

      await page.goto(`${web.url}/@ada`);
      const wrapper = page.locator('.boosted').first();
      assert.match(await wrapper.locator('.boosted-by').innerText(), /Ada Lovelace boosted/);
      assert.match(await wrapper.locator('.content').innerText(), /we have always done it this way/);
      shotsTaken.push(await watched.screenshot(shots, `boost-profile-${label}`));

      await wrapper.getByRole('button', { name: /Boosted/ }).click();
      await page.waitForURL(/\/@ada#s-\d+$/);
      assert.equal(await sql.count(`SELECT count(*) FROM statuses WHERE reblog_of_id = ${post.id}`), 0);
      assert.equal(await page.locator('.boosted').count(), 0, 'unboosted: gone from the profile');

      // A followed profile's More menu hides (and shows again) its boosts on the home timeline.
      await page.goto(`${web.url}/@grace`);
      await page.locator('.more-actions summary').click();
      shotsTaken.push(await watched.screenshot(shots, `boost-hide-menu-${label}`));
      await page.getByRole('button', { name: 'Hide boosts from @grace' }).click();
      await page.waitForURL(`${web.url}/@grace`);
      await page.locator('.more-actions summary').click();
      await page.getByRole('button', { name: 'Show boosts from @grace' }).waitFor();
      await page.getByRole('button', { name: 'Show boosts from @grace' }).click();
      await page.waitForURL(`${web.url}/@grace`);
      assert.deepEqual(watched.problems, []);
      await page.context().close();
    }
    console.log(`screenshots: ${shotsTaken.join(' ')}`);
  },
);
