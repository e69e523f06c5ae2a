// Every page of the website, in real Chromium, checked with axe-core: logged out and logged in, light and
// dark colour scheme, desktop and phone width. A page fails on any WCAG 2.1 A/AA violation of impact
// serious or critical; the rest (moderate, minor, best practice) is printed. Also: no sideways scrolling
// at phone width, and the keyboard reaches the skip link first and then the compose form.
// Each page is loaded once per person (logged out, logged in) and checked in every variant from there:
// light desktop with every rule, dark desktop with the colour rules (the markup is the same, only the
// colours change), dark phone with every WCAG rule (the layout changes what is shown), and the width at
// 320 and 390 px in both schemes. With SCREENSHOT_DIR set, screenshots of every page at 390 and 1280 px,
// light and dark, go there for a person to look at (200 full-page PNGs add a fifth to the run, so they
// are opt-in).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { addDays, lastCompleteDay } from '@microposts/core';
import type { App } from '@microposts/runtime';
import { testApp } from '../../../test/support/app.ts';
import {
  blocking,
  COLOUR_RULES,
  describeFindings,
  preloadAxe,
  runAxe,
  type AxeRules,
} from '../../../test/support/axe.ts';
import { DESKTOP, launchBrowser, NO_CHROMIUM, PHONE, watchedPage } from '../../../test/support/browser.ts';
import { fixtures, PASSWORD } from '../../../test/support/fixtures.ts';
import { startWeb } from '../../../test/support/processes.ts';
import { TEST_SECRET_KEY } from '../../../test/support/secret.ts';
import { sqlClient } from '../../../test/support/sql.ts';
import { seedStatsDay } from '../../../test/support/stats-seed.ts';
import { accountToken, unsubscribeUrl } from '../../../packages/core/src/mail/links.ts';

const SKIP = NO_CHROMIUM;
const SCREENS = process.env.SCREENSHOT_DIR;

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
async function seed(): Promise<{
  pollPath: string;
  votedPollPath: string;
  threadPath: string;
  historyPath: string;
  authorizePath: string;
  resetPath: string;
  unsubscribePath: string;
  listPath: string;
  filterPath: string;
}> {
  // Three computed days draw a chart on /stats (the days between show as missing).
  const yesterday = lastCompleteDay();
  for (const [i, back] of [0, 2, 3].entries()) {
    await seedStatsDay(app!.db, addDays(yesterday, -back), `st${i}`);
    await app!.services.stats.computeDay({ day: addDays(yesterday, -back) });
  }
  const f = fixtures(app!);
  // Not confirmed, as after signing up: every logged-in page shows the banner asking to confirm.
  const alice = await f.account({ username: 'alice_qa', confirmed: false });
  const bob = await f.account({ username: 'bob_qa', confirmed: false });
  const first = await f.status(alice, 'Planting tomatoes today, wish me luck #garden');
  const long = await f.status(
    alice,
    'A long one: https://example.com/a/rather/long/link/that/should/wrap/on/phones?with=query&and=more ' +
      'and some words after it so that the paragraph wraps over several lines on any screen. #garden #spring',
  );
  await f.status(bob, '@alice_qa good luck, they will be great!', { inReplyTo: first });
  const bobs = await f.status(bob, 'Hey @alice_qa, want some seedlings? #garden');
  await f.follow(bob, alice);
  await f.favourite(bob, first);
  await f.follow(alice, bob);
  await f.favourite(alice, bobs);
  // An app alice authorized, listed on /settings/apps, and one asking her to authorize it.
  await f.token(alice, 'read', { appName: 'Feed Reader' });
  const pocket = await f.oauthApp({
    name: 'Pocket Posts',
    redirectUri: 'https://pocket.example/callback',
    scopes: 'read write follow',
    website: 'https://pocket.example',
  });
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: pocket.clientId,
    redirect_uri: pocket.redirectUri,
    scope: 'read write:statuses follow',
  });
  // Alice moderates: bob reported carol twice; alice dismissed one of the reports.
  await app!.services.admin.setRole('alice_qa', 'moderator');
  const carol = await f.account({ username: 'carol_qa', confirmed: false });
  const loud = await f.status(carol, 'BUY CHEAP SEEDS NOW at https://seeds.example #garden #deal');
  await app!.services.reports.file({
    actorId: bob.id,
    accountId: carol.id,
    category: 'spam',
    statusIds: [loud.id],
    comment: 'Posts this advert under every #garden post.\nThree times today.',
  });
  const { report } = await app!.services.reports.file({ actorId: bob.id, accountId: carol.id });
  await app!.services.reports.dismiss({ actorId: alice.id, reportId: report.id });
  // Alice bookmarks a post behind a content warning (the /bookmarks page, a collapsed card).
  const warned = await app!.services.statuses.create({
    actorId: bob.id,
    text: 'The last episode: everyone was a ghost. #garden',
    spoilerText: 'TV spoilers',
  });
  await app!.services.bookmarks.bookmark({ actorId: alice.id, statusId: warned.id });
  // A list of alice's holding bob (the /lists pages).
  const list = await app!.services.lists.create({ actorId: alice.id, title: 'Garden friends' });
  await app!.services.lists.addMembers({ actorId: alice.id, listId: list.id, accountIds: [bob.id] });
  // Bob boosts alice's first post: a boost card on alice's home and bob's profile, beside the
  // original itself, and a reblog notification for alice.
  await app!.services.reblogs.reblog({ actorId: bob.id, statusId: first.id });
  // Polls by bob: one alice has not voted in (the vote form), one she voted in (the results).
  const poll = await app!.services.statuses.create({
    actorId: bob.id,
    text: 'Which tomato should I plant first? #garden',
    poll: { options: ['Cherry', 'Beefsteak', 'San Marzano'], expiresIn: 86400 },
  });
  const votedPoll = await app!.services.statuses.create({
    actorId: bob.id,
    text: 'What do you grow on a balcony?',
    poll: { options: ['Herbs', 'Strawberries', 'Chillies'], expiresIn: 259200, multiple: true },
  });
  await app!.services.polls.vote({ actorId: alice.id, pollId: votedPoll.id, choices: [0, 2] });
  await app!.services.polls.vote({ actorId: carol.id, pollId: votedPoll.id, choices: [0] });
  // Alice's filter: bob's seedlings post shows collapsed behind "Filtered: Seedlings" on her home.
  const seedlings = await app!.services.filters.create({
    actorId: alice.id,
    title: 'Seedlings',
    context: ['home', 'public'],
    expiresIn: '86400',
    keywords: [{ keyword: 'seedlings' }, { keyword: 'tomato', wholeWord: false }],
  });
  // Alice pins her first post (shown first on her profile) and edits the long one twice (its versions page).
  await app!.services.pins.pin({ actorId: alice.id, statusId: first.id });
  await app!.services.statuses.edit({
    actorId: alice.id,
    statusId: long.id,
    text: 'A long one, edited: the link is gone. #garden',
    spoilerText: 'Links',
  });
  await app!.services.statuses.edit({ actorId: alice.id, statusId: long.id, text: 'Short now. #garden' });
  // A password reset link for bob, as the e-mail would carry it, and alice's unsubscribe link.
  await app!.services.accountEmails.issuePasswordReset({ email: bob.email });
  const [token] = await sqlClient(app!.databaseUrl).rows<{ id: string }>(
    `SELECT id FROM account_tokens WHERE purpose = 'password_reset'`,
  );
  return {
    pollPath: `/@bob_qa/${poll.id}`,
    votedPollPath: `/@bob_qa/${votedPoll.id}`,
    threadPath: `/@alice_qa/${first.id}`,
    historyPath: `/@alice_qa/${long.id}/history`,
    authorizePath: `/oauth/authorize?${query}`,
    resetPath: `/password/reset?token=${encodeURIComponent(accountToken(TEST_SECRET_KEY, token!.id))}`,
    unsubscribePath: unsubscribeUrl(web!.url, TEST_SECRET_KEY, alice.id).slice(web!.url.length),
    listPath: `/lists/${list.id}`,
    filterPath: `/settings/filters/${seedlings.id}`,
  };
}

/** A full-page PNG, cut at 3000 px so that long pages (the API docs) stay legible; only with SCREENSHOT_DIR. */
async function screenshot(page: Page, name: string): Promise<void> {
  if (!SCREENS) return;
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

  before(async () => {
    const {
      threadPath,
      historyPath,
      authorizePath,
      resetPath,
      unsubscribePath,
      filterPath,
      pollPath,
      votedPollPath,
      listPath,
    } = await seed();
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
      { name: 'poll', path: pollPath, for: both },
      { name: 'poll-results', path: votedPollPath, for: both },
      {
        name: 'compose-poll',
        path: '/',
        for: ['in'],
        then: async (page) => {
          await page.locator('details.compose-poll > summary').click();
          await page.getByLabel('Option 1', { exact: true }).fill('Tea');
        },
      },
      { name: 'status-history', path: historyPath, for: both },
      { name: 'followers', path: '/@alice_qa/followers', for: both },
      { name: 'following', path: '/@bob_qa/following', for: both },
      { name: 'notifications', path: '/notifications', for: ['in'] },
      { name: 'bookmarks', path: '/bookmarks', for: ['in'] },
      { name: 'lists', path: '/lists', for: ['in'] },
      { name: 'list-timeline', path: listPath, for: ['in'] },
      { name: 'list-edit', path: `${listPath}/edit`, for: ['in'] },
      {
        name: 'lists-errors',
        path: '/lists',
        for: ['in'],
        then: async (page) => {
          await page.getByRole('button', { name: 'Make the list' }).click();
          await page.waitForLoadState();
          assert.ok(await page.locator('#field-title-error').count(), 'the error is shown');
        },
      },
      { name: 'report', path: '/@bob_qa/report', for: ['in'] },
      {
        name: 'report-errors',
        path: '/@carol_qa/report',
        for: ['in'],
        then: async (page) => {
          await page.getByLabel('Anything else the moderators should know?').fill('x'.repeat(1001));
          await page.getByRole('button', { name: 'Send report' }).click();
          await page.waitForLoadState();
          assert.ok(await page.locator('#field-comment-error').count(), 'the error is shown');
        },
      },
      { name: 'moderation', path: '/moderation', for: ['in'] },
      { name: 'moderation-resolved', path: '/moderation/resolved', for: ['in'] },
      { name: 'settings', path: '/settings', for: ['in'] },
      { name: 'settings-apps', path: '/settings/apps', for: ['in'] },
      { name: 'settings-filters', path: '/settings/filters', for: ['in'] },
      { name: 'settings-filter-new', path: '/settings/filters/new', for: ['in'] },
      { name: 'settings-filter-edit', path: filterPath, for: ['in'] },
      {
        name: 'settings-filter-errors',
        path: '/settings/filters/new',
        for: ['in'],
        then: async (page) => {
          await page.getByLabel('Home timeline').uncheck();
          await page.getByLabel('Public and hashtag timelines').uncheck();
          await page.getByLabel('Threads (replies around a post)').uncheck();
          await page.getByRole('button', { name: 'Make filter' }).click();
          await page.waitForLoadState();
          assert.ok(await page.locator('#field-title-error').count(), 'the title error is shown');
          assert.ok(await page.locator('#field-context-error').count(), 'the context error is shown');
        },
      },
      { name: 'search', path: '/search?q=garden', for: both },
      { name: 'search-empty', path: '/search', for: both },
      { name: 'search-people', path: '/search?q=alice', for: both },
      { name: 'tag', path: '/tags/garden', for: both },
      { name: 'stats', path: '/stats', for: both },
      { name: 'directory', path: '/directory', for: both },
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

  after(() => {
    console.log(`Pages not built yet (404), skipped: ${[...notBuilt].join(', ') || 'none'}`);
    console.log(
      `Moderate/minor/best-practice findings: ${moderate.length ? `\n${moderate.join('\n')}` : 'none'}`,
    );
  });

  /** Checks the page as it is loaded now in every variant; returns the problems found. */
  async function checkVariants(page: Page, label: string, shot: string): Promise<string[]> {
    const failures: string[] = [];
    const check = async (rules: AxeRules, variant: string) => {
      const findings = await runAxe(page, rules);
      const bad = blocking(findings);
      if (bad.length) failures.push(`${label}, ${variant}:\n${describeFindings(bad)}`);
      return findings.filter((f) => !bad.includes(f));
    };
    // Reflow (WCAG 1.4.10): nothing scrolls sideways down to 320 CSS pixels (a small phone, or 400% zoom).
    const overflow = async (variant: string) => {
      const wider = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      if (wider > 0) failures.push(`${label}, ${variant}: ${wider}px wider than the screen`);
    };

    const rest = await check('all', 'light');
    if (rest.length) moderate.push(`${label}:\n${describeFindings(rest)}`);
    await screenshot(page, `${shot}-light-1280`);
    await page.emulateMedia({ colorScheme: 'dark' });
    await check(COLOUR_RULES, 'dark');
    await screenshot(page, `${shot}-dark-1280`);
    await page.setViewportSize({ width: PHONE.width, height: PHONE.height });
    await check('wcag', `dark at ${PHONE.width}px`);
    await overflow(`dark at ${PHONE.width}px`);
    await screenshot(page, `${shot}-dark-390`);
    await page.setViewportSize({ width: 320, height: PHONE.height });
    await overflow('dark at 320px');
    await page.emulateMedia({ colorScheme: 'light' });
    await overflow('light at 320px');
    await page.setViewportSize({ width: PHONE.width, height: PHONE.height });
    await overflow(`light at ${PHONE.width}px`);
    await screenshot(page, `${shot}-light-390`);
    await page.setViewportSize(DESKTOP);
    return failures;
  }

  for (const who of ['out', 'in'] as const) {
    test(`logged ${who}: every page, light and dark, desktop and phone width`, async (t) => {
      const w = await watchedPage(browser!, DESKTOP, { colorScheme: 'light' });
      const { page } = w;
      await preloadAxe(page.context());
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
        failures.push(...(await checkVariants(page, `${spec.name} (${who})`, `${spec.name}-${who}`)));
      }
      if (SCREENS) t.diagnostic(`screenshots in ${SCREENS}`);
      if (failures.length) assert.fail(`accessibility problems:\n${failures.join('\n')}`);
      assert.deepEqual(w.cspViolations(), [], 'no Content-Security-Policy violations');
    });
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
    // The dark-scheme check runs the colour rules only; they catch it too.
    const colour = blocking(await runAxe(page, COLOUR_RULES)).map((f) => f.rule);
    assert.deepEqual(colour, ['color-contrast']);
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
