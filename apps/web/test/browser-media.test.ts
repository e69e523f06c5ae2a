// Media on the website in real Chromium with JavaScript off (the forms and the sensitive veil work
// without it) and on (previews): a post with two described images shows them with their alt texts;
// a sensitive one hides its image until a click; a new avatar from the settings shows next to the
// account's posts. A web process and a worker share a DATA_DIR, so every image shown was processed.
// Screenshots go to $SCREENSHOT_DIR (default: a temporary folder).
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, NO_CHROMIUM, watchedPage, type WatchedPage } from '../../../test/support/browser.ts';
import { testDatabase } from '../../../test/support/database.ts';
import { fixtures } from '../../../test/support/fixtures.ts';
import { image, phoneJpeg } from '../../../test/support/images.ts';
import { startWeb, startWorker } from '../../../test/support/processes.ts';
import { tempDir } from '../../../test/support/temp-dir.ts';

const databaseUrl = await testDatabase();
const DATA_DIR = tempDir('microposts-media-site-');
const web = await startWeb(databaseUrl, { DATA_DIR, RATE_LIMIT_AUTH: '1000' });
startWorker(databaseUrl, { DATA_DIR });
const f = fixtures(databaseUrl);
const shots = process.env.SCREENSHOT_DIR ?? path.join(tmpdir(), 'microposts-screenshots');
let browser: Browser;

/** A new account logged in through the form, in its own context (JavaScript on or off). */
async function person(username: string, javaScriptEnabled: boolean): Promise<WatchedPage> {
  browser ??= await launchBrowser();
  const account = await f.account({ username });
  const watched = await watchedPage(browser, { width: 1024, height: 900 }, { javaScriptEnabled });
  const { page } = watched;
  await page.goto(`${web.url}/login`);
  await page.getByLabel('Username or e-mail').fill(account.username);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${web.url}/`);
  return watched;
}

const file = async (name: string, bytes: Promise<Buffer>) => ({
  name,
  mimeType: 'image/jpeg',
  buffer: await bytes,
});

/** Whether the image has loaded and is painted at a visible size. */
const shown = (img: Locator) =>
  img.evaluate(
    (el: HTMLImageElement) => el.complete && el.naturalWidth > 0 && el.getBoundingClientRect().width > 0,
  );

async function post(
  page: Page,
  text: string,
  images: Array<{ file: Awaited<ReturnType<typeof file>>; alt: string }>,
  sensitive = false,
) {
  await page.goto(`${web.url}/`);
  await page.getByLabel("What's happening?").fill(text);
  await page.getByText('Add images').click();
  for (const [i, { file, alt }] of images.entries()) {
    await page.getByLabel(`Image ${i + 1}`).setInputFiles(file);
    await page.locator(`#compose-description-${i + 1}`).fill(alt);
  }
  if (sensitive) await page.getByLabel(/^Sensitive/).check();
  await page.getByRole('button', { name: 'Post' }).click();
  await page.waitForURL(`${web.url}/`);
  return page.locator('article.status', { hasText: text });
}

test(
  'without JavaScript: described images, a sensitive image behind a click',
  { skip: NO_CHROMIUM },
  async () => {
    const ann = await person('annpics', false);
    const { page } = ann;

    const plain = await post(page, 'Two pictures from the walk', [
      { file: await file('walk.jpg', phoneJpeg()), alt: 'A blue sky over the hills' },
      { file: await file('lake.jpg', image('jpeg', 800, 600)), alt: 'A red lake at dusk' },
    ]);
    const images = plain.locator('.status-media img');
    assert.equal(await images.count(), 2);
    assert.deepEqual(await images.evaluateAll((els) => els.map((e) => e.getAttribute('alt'))), [
      'A blue sky over the hills',
      'A red lake at dusk',
    ]);
    for (const img of await images.all()) assert.equal(await shown(img), true);
    // Each preview links to the full, processed image: stripped and bounded, served from /media/.
    const full = await plain.locator('.status-media a').first().getAttribute('href');
    assert.match(full!, /^\/media\/attachments\/[\w-]+\/original\.jpg$/);
    const response = await fetch(web.url + full);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'image/jpeg');
    assert.match(response.headers.get('cache-control')!, /max-age=31536000/);
    await ann.screenshot(shots, 'media-post');

    const veiled = await post(
      page,
      'Spoiler: the last page',
      [{ file: await file('page.jpg', image('jpeg', 640, 480)), alt: 'The last page of the book' }],
      true,
    );
    const summary = veiled.locator('details.status-media-sensitive > summary');
    assert.match(await summary.innerText(), /Sensitive content\s+Show image/);
    const hidden = veiled.locator('.status-media img');
    assert.equal(await hidden.isVisible(), false);
    await ann.screenshot(shots, 'media-sensitive-closed');
    await summary.click();
    assert.equal(await hidden.isVisible(), true);
    await hidden.scrollIntoViewIfNeeded();
    assert.equal(await shown(hidden), true);
    assert.equal(await hidden.getAttribute('alt'), 'The last page of the book');
    await ann.screenshot(shots, 'media-sensitive-open');

    // The status page shows it the same way, and so does the API (sensitive: true).
    await veiled.locator('a.time').click();
    assert.equal(await page.locator('details.status-media-sensitive').count(), 1);
    assert.equal(await page.locator('details.status-media-sensitive[open]').count(), 0);
    const id = page.url().split('/').at(-1);
    const entity = (await (await fetch(`${web.url}/api/v1/statuses/${id}`)).json()) as {
      sensitive: boolean;
      media_attachments: Array<{ description: string }>;
    };
    assert.equal(entity.sensitive, true);
    assert.equal(entity.media_attachments[0]!.description, 'The last page of the book');
    assert.deepEqual(ann.problems, []);
  },
);

test('a new avatar from the settings shows there and next to the posts', { skip: NO_CHROMIUM }, async () => {
  const ben = await person('benpics', false);
  const { page } = ben;
  await page.goto(`${web.url}/settings#pictures`);
  assert.equal(await page.locator('#pictures img.avatar').count(), 0); // the initial, until a picture
  await page.getByLabel('Avatar').setInputFiles(await file('me.jpg', phoneJpeg(900, 700)));
  await page.getByRole('button', { name: 'Save pictures' }).click();
  await page.waitForURL(/\/settings/);
  assert.match(await page.locator('.flash').innerText(), /Your pictures were saved/);
  const avatar = page.locator('#pictures img.avatar');
  assert.match((await avatar.getAttribute('src'))!, /^\/media\/avatars\//);
  assert.equal(await shown(avatar), true);
  // Square, 400 px, whatever the upload's shape.
  assert.deepEqual(
    await avatar.evaluate((el: HTMLImageElement) => [el.naturalWidth, el.naturalHeight]),
    [400, 400],
  );
  await page.locator('#pictures').screenshot({ path: path.join(shots, 'media-settings-avatar.png') });

  await post(page, 'Hello with a face', []);
  const own = page.locator('article.status', { hasText: 'Hello with a face' }).locator('img.avatar');
  assert.equal(await shown(own), true);
  await ben.screenshot(shots, 'media-avatar-timeline');
  assert.deepEqual(ben.problems, []);
});

test('with JavaScript: a chosen image is previewed before posting', { skip: NO_CHROMIUM }, async () => {
  const cy = await person('cypics', true);
  const { page } = cy;
  await page.goto(`${web.url}/`);
  await page.getByText('Add images').click();
  await page.getByLabel('Image 1').setInputFiles(await file('p.jpg', image('jpeg', 400, 300)));
  const preview = page.locator('.media-slot[data-slot="1"] .media-preview');
  await preview.waitFor({ state: 'visible' });
  assert.equal(await shown(preview), true);
  // Only the slots in use and the next empty one are offered.
  assert.equal(await page.locator('.media-slot:visible').count(), 2);
  await cy.screenshot(shots, 'media-compose-preview');
  assert.deepEqual(cy.problems, []);
});
