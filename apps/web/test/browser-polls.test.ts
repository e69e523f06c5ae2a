// In real Chromium with JavaScript off (nothing here needs it): a poll composed with the form, voted
// in with checkboxes by another person, the results after voting, the hidden totals of a
// hide_totals poll, and the `poll` notification at its end. Screenshots go to $SCREENSHOT_DIR
// (default: a temporary folder).
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { launchBrowser, NO_CHROMIUM, watchedPage } from '../../../test/support/browser.ts';
import { testDatabase } from '../../../test/support/database.ts';
import { appOn } from '../../../test/support/app.ts';
import { fixtures } from '../../../test/support/fixtures.ts';
import { startWeb } from '../../../test/support/processes.ts';
import { sqlClient } from '../../../test/support/sql.ts';

const databaseUrl = await testDatabase();
const web = await startWeb(databaseUrl, { RATE_LIMIT_AUTH: '1000' });
const app = await appOn(databaseUrl, {});
const f = fixtures(databaseUrl);
const sql = sqlClient(databaseUrl);
const shots = process.env.SCREENSHOT_DIR ?? path.join(tmpdir(), 'microposts-screenshots');

async function logIn(page: Page, account: { username: string; password: string }) {
  await page.goto(`${web.url}/login`);
  await page.getByLabel('Username or e-mail').fill(account.username);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${web.url}/`);
}

test(
  'a poll is composed, voted in with checkboxes and shown as results, with JavaScript off',
  { skip: NO_CHROMIUM },
  async () => {
    const browser = await launchBrowser();
    const ada = await f.account({ username: 'ada' });
    const ben = await f.account({ username: 'ben' });
    const author = await watchedPage(browser, { width: 900, height: 900 }, { javaScriptEnabled: false });
    await logIn(author.page, ada);
    await author.page.getByLabel("What's happening?").fill('What should the club read next?');
    await author.page.getByText('Add a poll').click();
    await author.page.getByLabel('Option 1', { exact: true }).fill('Middlemarch');
    await author.page.getByLabel('Option 2', { exact: true }).fill('Moby-Dick');
    await author.page.getByLabel('Option 3 (optional)').fill('Dune');
    await author.page.getByLabel('Poll length').selectOption('259200');
    await author.page.getByLabel('Allow several choices').check();
    const compose = await author.screenshot(shots, 'poll-compose');
    await author.page.getByRole('button', { name: 'Post' }).click();
    await author.page.waitForURL(`${web.url}/`);
    const [row] = await sql.rows<{ status_id: string; options: string[]; multiple: boolean }>(
      'SELECT status_id::text, options, multiple FROM polls',
    );
    assert.deepEqual([row!.options, row!.multiple], [['Middlemarch', 'Moby-Dick', 'Dune'], true]);

    const voter = await watchedPage(browser, { width: 900, height: 900 }, { javaScriptEnabled: false });
    await logIn(voter.page, ben);
    await voter.page.goto(`${web.url}/public`);
    const card = voter.page.locator(`#s-${row!.status_id}`);
    await card.getByLabel('Middlemarch').check();
    await card.getByLabel('Dune').check();
    const form = path.join(shots, 'poll-card-vote-form.png');
    await card.screenshot({ path: form });
    await card.getByRole('button', { name: 'Vote' }).click();
    await voter.page.waitForURL(/\/public#s-\d+$/);
    const results = voter.page.locator(`#s-${row!.status_id}`);
    assert.equal(await results.locator('form.poll-form').count(), 0);
    assert.deepEqual(await results.locator('.poll-percent').allInnerTexts(), ['100%', '0%', '100%']);
    assert.equal(await results.locator('.poll-own').count(), 2);
    const shown = path.join(shots, 'poll-card-results.png');
    await results.screenshot({ path: shown });
    assert.deepEqual(await sql.rows('SELECT choices FROM poll_votes'), [{ choices: [0, 2] }]);

    // A poll hiding its totals: the voter sees no counts until it ends.
    const hidden = await app.services.statuses.create({
      actorId: ada.id,
      text: 'Secret ballot: which day?',
      poll: { options: ['Monday', 'Friday'], expiresIn: 3600, hideTotals: true },
    });
    await app.services.polls.vote({ actorId: ben.id, pollId: hidden.id, choices: [1] });
    await voter.page.goto(`${web.url}/@ada/${hidden.id}`);
    const secret = voter.page.locator(`#s-${hidden.id}`);
    assert.equal(await secret.locator('progress').count(), 0);
    assert.match(await secret.locator('.poll-meta').innerText(), /Results are shown when the poll ends/);
    const secretShot = path.join(shots, 'poll-card-hidden-totals.png');
    await secret.screenshot({ path: secretShot });

    // At its end: closed, results for everyone, and the `poll` notification.
    await sql.rows(`UPDATE polls SET expires_at = now() WHERE status_id = $1`, [hidden.id]);
    assert.equal(await app.services.polls.close({ statusId: hidden.id }), 'closed');
    await voter.page.goto(`${web.url}/notifications`);
    const note = voter.page.locator('li.notification-poll');
    assert.match(await note.locator('.notification-line').innerText(), /ada\s+ended a poll you voted in/);
    assert.deepEqual(await note.locator('.poll-percent').allInnerTexts(), ['0%', '100%']);
    assert.match(await note.locator('.poll-meta').innerText(), /Closed/);
    const notifications = await voter.screenshot(shots, 'poll-notification');
    await author.page.goto(`${web.url}/notifications`);
    assert.match(
      await author.page.locator('li.notification-poll .notification-line').innerText(),
      /your poll has ended/,
    );
    assert.deepEqual(author.problems, []);
    assert.deepEqual(voter.problems, []);
    console.log(`screenshots: ${compose} ${form} ${shown} ${secretShot} ${notifications}`);
  },
);
