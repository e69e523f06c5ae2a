// The /stats views without a server: the SVG chart's scale, gaps and labels, and the page's states.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from 'node-html-parser';
import { addDays, type DailyStats } from '@microposts/core';
import { axisScale, shortDay, statsChart, type ChartDay } from '../src/views/stats-chart.ts';
import { statsPage } from '../src/views/pages/stats-page.ts';
import type { PageContext } from '../src/views/context.ts';

const ctx: PageContext = { viewer: null, csrfToken: '', path: '/stats' };

function day(
  d: string,
  statuses: number,
  activeAccounts: number,
  tags: DailyStats['topHashtags'] = [],
): DailyStats {
  return {
    day: d,
    newAccounts: 1,
    activeAccounts,
    statuses,
    replies: 0,
    mentions: 0,
    favourites: 0,
    newFollows: 0,
    topHashtags: tags,
    computedAt: new Date('2026-03-11T00:05:00Z'),
  };
}

describe('axisScale', () => {
  test('rounds the top up to 1, 2 or 5 times a power of ten, in at most five steps', () => {
    assert.deepEqual(axisScale(0), { top: 5, step: 1 });
    assert.deepEqual(axisScale(3), { top: 3, step: 1 });
    assert.deepEqual(axisScale(7), { top: 8, step: 2 });
    assert.deepEqual(axisScale(23), { top: 25, step: 5 });
    assert.deepEqual(axisScale(100), { top: 100, step: 20 });
    assert.deepEqual(axisScale(12_345), { top: 15_000, step: 5_000 });
  });
});

describe('statsChart', () => {
  const days: ChartDay[] = [
    { day: '2026-03-01', statuses: 10, activeAccounts: 4 },
    { day: '2026-03-02', statuses: 20, activeAccounts: 5 },
    { day: '2026-03-03', statuses: null, activeAccounts: null },
    { day: '2026-03-04', statuses: 0, activeAccounts: 0 },
    { day: '2026-03-05', statuses: 5, activeAccounts: 2 },
  ];
  const svg = parse(statsChart(days, 't', 'd').value).querySelector('svg')!;

  test('one bar per computed day, taller for more statuses, a gap for the missing day', () => {
    const bars = svg.querySelectorAll('rect.chart-bar');
    assert.equal(bars.length, 4);
    const heights = bars.map((b) => Number(b.getAttribute('height')));
    assert.ok(heights[1]! > heights[0]! && heights[0]! > heights[3]! && heights[2] === 0);
    assert.match(bars[1]!.querySelector('title')!.text, /^Mar 2: 20 statuses, 5 active accounts$/);
  });

  test('the active-accounts line breaks at the missing day', () => {
    const lines = svg.querySelectorAll('polyline.chart-line');
    assert.equal(lines.length, 2);
    assert.equal(lines[0]!.getAttribute('points')!.split(' ').length, 2);
  });

  test('is an accessible image with a title and a description, and has no inline style', () => {
    assert.equal(svg.getAttribute('role'), 'img');
    assert.equal(svg.getAttribute('aria-labelledby'), 't d');
    assert.equal(
      svg.querySelector('title#t')!.text,
      'Statuses and active accounts per day, Mar 1 to Mar 5 (UTC)',
    );
    assert.match(
      svg.querySelector('desc#d')!.text,
      /busiest day was Mar 2 with 20 statuses\. 4 of 5 days computed/,
    );
    assert.equal(svg.querySelectorAll('[style]').length, 0);
  });

  test('shortDay', () => {
    assert.equal(shortDay('2026-12-09'), 'Dec 9');
  });
});

describe('statsPage', () => {
  test('without any computed day it says so instead of drawing an empty chart', () => {
    const doc = parse(
      statsPage(ctx, { from: '2026-02-10', to: '2026-03-11', days: [], latest: '2026-03-11' }).value,
    );
    assert.equal(doc.querySelector('svg.stats-chart'), null);
    assert.match(doc.querySelector('main')!.text, /No statistics yet for these days/);
  });

  test('hashtag names are escaped and linked by their encoded name', () => {
    const doc = parse(
      statsPage(ctx, {
        from: '2026-03-10',
        to: '2026-03-11',
        days: [day('2026-03-11', 3, 2, [{ name: 'café<b>', count: 2 }])],
        latest: '2026-03-11',
      }).value,
    );
    const link = doc.querySelector('.top-hashtags a')!;
    assert.equal(link.getAttribute('href'), '/tags/caf%C3%A9%3Cb%3E');
    assert.equal(link.text, '#café<b>');
    assert.equal(doc.querySelectorAll('.top-hashtags b').length, 0);
  });

  test('the table has one row per day, newest first, the missing ones marked', () => {
    const doc = parse(
      statsPage(ctx, {
        from: '2026-03-09',
        to: '2026-03-11',
        days: [day('2026-03-09', 1234, 2)],
        latest: '2026-03-20',
      }).value,
    );
    const rows = doc.querySelectorAll('tbody tr');
    assert.deepEqual(
      rows.map((r) => r.querySelector('time')!.getAttribute('datetime')),
      ['2026-03-11', '2026-03-10', '2026-03-09'],
    );
    assert.match(rows[0]!.text, /not computed/);
    assert.equal(rows[2]!.querySelectorAll('td')[2]!.text, '1,234', 'the statuses column');
  });

  test('links to the 30 days before, and after unless the period ends yesterday', () => {
    const nav = (to: string, latest: string) =>
      parse(statsPage(ctx, { from: addDays(to, -29), to, days: [], latest }).value)
        .querySelectorAll('.stats-nav a')
        .map((a) => [a.getAttribute('rel'), a.getAttribute('href')]);
    assert.deepEqual(nav('2026-03-11', '2026-03-11'), [['prev', '/stats?to=2026-02-09']]);
    assert.deepEqual(nav('2026-01-31', '2026-03-11'), [
      ['prev', '/stats?to=2026-01-01'],
      ['next', '/stats?to=2026-03-02'],
    ]);
    assert.deepEqual(nav('2026-02-20', '2026-03-11'), [
      ['prev', '/stats?to=2026-01-21'],
      ['next', '/stats'],
    ]);
  });

  test('the period names its year, and both years when it spans two', () => {
    const text = (from: string, to: string) =>
      parse(statsPage(ctx, { from, to, days: [], latest: to }).value).querySelector('.stats-intro')!.text;
    assert.match(text('2026-02-10', '2026-03-11'), /Feb 10 – Mar 11, 2026/);
    assert.match(text('2025-12-10', '2026-01-08'), /Dec 10, 2025 – Jan 8, 2026/);
  });
});
