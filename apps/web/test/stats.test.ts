// End-to-end: /stats (server-drawn SVG chart, accessible table, top hashtags) and the JSON endpoints
// /api/v1/microposts/stats/daily and /api/v1/instance/activity, against the real web process.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays, dayOf, lastCompleteDay } from '@microposts/core';
import { testApp } from '../../../test/support/app.ts';
import { launchBrowser, newContext, NO_CHROMIUM } from '../../../test/support/browser.ts';
import { startWeb } from '../../../test/support/processes.ts';
import { SiteClient } from '../../../test/support/site-client.ts';
import { seedStatsDay } from '../../../test/support/stats-seed.ts';

const app = await testApp();
const yesterday = lastCompleteDay();
const earlier = addDays(yesterday, -4);
await seedStatsDay(app.db, yesterday, 'y');
await seedStatsDay(app.db, earlier, 'e');
// The worker would compute these after midnight; here the service does it directly. The days
// between stay uncomputed: the page and the API must show them as missing, not as zeros.
await app.services.stats.computeDay({ day: earlier });
await app.services.stats.computeDay({ day: yesterday });
const web = await startWeb(app.databaseUrl);

async function getJson(path: string) {
  const response = await fetch(new URL(path, web.url));
  return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
}

test('/stats draws the chart as SVG, without inline styles, and lists every number in a table', async () => {
  const page = await new SiteClient(web.url).get('/stats');
  assert.equal(page.status, 200);
  const svg = page.doc.querySelector('svg.stats-chart');
  assert.ok(svg, 'an SVG chart');
  assert.equal(svg.getAttribute('role'), 'img');
  assert.match(page.doc.querySelector('svg title')!.text, /^Statuses and active accounts per day/);
  // One bar and one dot per computed day (2 of the 30); the line breaks at the missing days.
  assert.equal(page.doc.querySelectorAll('rect.chart-bar').length, 2);
  assert.equal(page.doc.querySelectorAll('circle.chart-dot').length, 2);
  assert.equal(page.doc.querySelectorAll('[style]').length, 0, 'no inline style attributes');
  assert.equal(page.doc.querySelectorAll('script:not([src])').length, 0, 'no inline script');

  const table = page.doc.querySelector('table.stats-table')!;
  assert.match(table.querySelector('caption')!.text, /Daily statistics/);
  assert.equal(table.querySelectorAll('thead th[scope=col]').length, 8);
  const rows = table.querySelectorAll('tbody tr');
  assert.equal(rows.length, 30);
  const first = rows[0]!;
  assert.equal(first.querySelector('th[scope=row] time')!.getAttribute('datetime'), yesterday);
  assert.deepEqual(
    first.querySelectorAll('td').map((td) => td.text.trim()),
    ['2', '3', '5', '1', '3', '2', '2'],
  );
  assert.match(rows[1]!.text, /not computed/);

  const tags = page.doc.querySelectorAll('.top-hashtags li');
  assert.equal(tags.length, 10);
  assert.equal(tags[0]!.querySelector('a')!.getAttribute('href'), '/tags/cats');
  assert.match(tags[0]!.text, /#cats\s+4 posts/);
});

test('/stats?to= shows the 30 days ending that day; a bad day gets a clear error page', async () => {
  const client = new SiteClient(web.url);
  const page = await client.get(`/stats?to=${earlier}`);
  assert.equal(page.status, 200);
  const rows = page.doc.querySelectorAll('tbody tr');
  assert.equal(rows.length, 30);
  assert.equal(rows[0]!.querySelector('time')!.getAttribute('datetime'), earlier);
  assert.equal(page.doc.querySelectorAll('rect.chart-bar').length, 1);
  assert.equal(page.doc.querySelector('.stats-nav a[rel=next]')!.getAttribute('href'), '/stats');
  const older = page.doc.querySelector('.stats-nav a[rel=prev]')!.getAttribute('href')!;
  assert.equal(older, `/stats?to=${addDays(earlier, -30)}`);
  assert.equal((await client.get(older)).status, 200);

  const bad = await client.get('/stats?to=2026-02-30');
  assert.equal(bad.status, 422);
  assert.match(bad.doc.querySelector('main')!.text, /to is not a valid date: 2026-02-30\./);
});

test('/stats is public and linked from the footer of every page', async () => {
  const home = await new SiteClient(web.url).get('/');
  assert.ok(home.doc.querySelector('footer a[href="/stats"]'));
});

test(
  'in Chromium without JavaScript the chart is drawn with the stylesheet and breaks no CSP rule',
  { skip: NO_CHROMIUM },
  async () => {
    const browser = await launchBrowser();
    // JavaScript off: the chart must not need it.
    const context = await newContext(browser, {
      viewport: { width: 390, height: 844 },
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await page.goto(`${web.url}/stats`);
    const chart = await page.locator('svg.stats-chart').boundingBox();
    assert.ok(chart && chart.width > 300 && chart.height > 100, `chart size ${JSON.stringify(chart)}`);
    assert.ok(chart.width <= 390, 'the chart fits a phone screen');
    const fill = await page
      .locator('rect.chart-bar')
      .first()
      .evaluate((el) => getComputedStyle(el).fill);
    assert.notEqual(fill, 'rgb(0, 0, 0)', 'the bar colour comes from the stylesheet');
    assert.deepEqual(problems, []);
  },
);

test('GET /api/v1/microposts/stats/daily returns the stored days as JSON', async () => {
  const { status, headers, body } = await getJson(
    `/api/v1/microposts/stats/daily?from=${addDays(earlier, -1)}&to=${yesterday}`,
  );
  assert.equal(status, 200);
  assert.match(headers.get('content-type')!, /application\/json/);
  assert.equal(headers.get('cache-control'), 'public, max-age=300');
  const days = body as Record<string, unknown>[];
  assert.deepEqual(
    days.map((d) => d.day),
    [earlier, yesterday],
  );
  const last = days.at(-1)!;
  assert.deepEqual(Object.keys(last), [
    'day',
    'new_accounts',
    'active_accounts',
    'statuses',
    'replies',
    'mentions',
    'favourites',
    'new_follows',
    'top_hashtags',
    'computed_at',
  ]);
  assert.equal(last.statuses, 5);
  assert.equal(last.active_accounts, 3);
  assert.deepEqual((last.top_hashtags as unknown[])[0], { name: 'cats', count: 2 });
  assert.ok(!Number.isNaN(Date.parse(last.computed_at as string)));
});

test('without parameters it covers the last 30 ended days', async () => {
  const { status, body } = await getJson('/api/v1/microposts/stats/daily');
  assert.equal(status, 200);
  assert.deepEqual((body as { day: string }[]).map((d) => d.day).at(-1), yesterday);
});

test('bad dates get 422 with a clear error', async () => {
  const cases: [string, string][] = [
    ['from=2026-02-30', 'from is not a valid date: 2026-02-30.'],
    ['from=last-week', 'from must be a date written YYYY-MM-DD.'],
    ['to=20260101', 'to must be a date written YYYY-MM-DD.'],
    ['from=2026-03-02&to=2026-03-01', 'from must not be after to.'],
    ['from=2020-01-01&to=2022-01-01', 'The range may cover at most 366 days.'],
    ['from=2026-01-01&from=2026-01-02&to=2026-01-03', 'from must be a date written YYYY-MM-DD.'],
    ['from[a]=1&to=2026-01-03', 'from must be a date written YYYY-MM-DD.'],
  ];
  for (const [query, error] of cases) {
    const { status, body } = await getJson(`/api/v1/microposts/stats/daily?${query}`);
    assert.equal(status, 422, query);
    assert.deepEqual(body, { error: `Validation failed: ${error}` }, query);
  }
});

test("GET /api/v1/instance/activity is Mastodon's 12 weeks, built from the same table", async () => {
  const { status, body } = await getJson('/api/v1/instance/activity');
  assert.equal(status, 200);
  const weeks = body as Record<string, string>[];
  assert.equal(weeks.length, 12);
  for (const w of weeks) {
    assert.deepEqual(Object.keys(w).sort(), ['logins', 'registrations', 'statuses', 'week']);
    for (const v of Object.values(w)) assert.match(v, /^\d+$/);
  }
  const today = dayOf(new Date());
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  const monday = addDays(today, -weekday);
  assert.equal(weeks[0]!.week, String(Date.parse(`${monday}T00:00:00Z`) / 1000));
  // The two computed days lie in the last two weeks: the weeks hold exactly their statuses.
  const statuses = weeks.reduce((n, w) => n + Number(w.statuses), 0);
  const { body: daily } = await getJson(
    `/api/v1/microposts/stats/daily?from=${addDays(monday, -77)}&to=${yesterday}`,
  );
  assert.equal(
    statuses,
    (daily as { statuses: number }[]).reduce((n, d) => n + d.statuses, 0),
  );
  assert.equal(statuses, 10);
});

test('the OpenAPI document describes both endpoints', async (t) => {
  const response = await fetch(`${web.url}/api/openapi.json`);
  if (response.status === 404) return t.skip('no OpenAPI document served yet');
  const doc = (await response.json()) as {
    paths: Record<string, { get?: { responses?: Record<string, unknown> } }>;
  };
  const daily = doc.paths['/api/v1/microposts/stats/daily'];
  assert.ok(daily?.get?.responses?.['200'] && daily.get.responses['422']);
  assert.ok(doc.paths['/api/v1/instance/activity']?.get?.responses?.['200']);
});
