import { addDays, DAILY_COUNTS, eachDay, tagPath, type DailyStats } from '@microposts/core';
import { html, type SafeHtml } from '../html.ts';
import type { PageContext } from '../context.ts';
import { layout } from '../layout.ts';
import { shortDay, statsChart } from '../stats-chart.ts';

export interface StatsPageData {
  from: string;
  to: string;
  days: DailyStats[];
  /** The last day that can have statistics (yesterday); no "later" link past it. */
  latest: string;
}

const numberFormat = new Intl.NumberFormat('en-US');
const number = (n: number) => numberFormat.format(n);

/** The period's hashtags, summed over each day's top ten, most used first. */
function periodHashtags(days: DailyStats[]): { name: string; count: number }[] {
  const totals = new Map<string, number>();
  for (const d of days)
    for (const t of d.topHashtags) totals.set(t.name, (totals.get(t.name) ?? 0) + t.count);
  return [...totals]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
    .slice(0, 10);
}

function totals(days: DailyStats[]): [string, number][] {
  const sum = (pick: (d: DailyStats) => number) => days.reduce((n, d) => n + pick(d), 0);
  return [
    ['Statuses', sum((d) => d.statuses)],
    ['New accounts', sum((d) => d.newAccounts)],
    ['Favourites', sum((d) => d.favourites)],
    ['New follows', sum((d) => d.newFollows)],
  ];
}

/** Links to the 30 days before and after the shown ones (none past yesterday). */
function periodNav(from: string, to: string, latest: string): SafeHtml {
  const later = addDays(to, 30);
  return html`<nav class="stats-nav" aria-label="Periods">
    <a href="/stats?to=${addDays(from, -1)}" rel="prev">← Earlier 30 days</a>
    ${to < latest ? html`<a href="${later >= latest ? '/stats' : `/stats?to=${later}`}" rel="next">Later 30 days →</a>` : ''}
  </nav>`;
}

/** `/stats`: a server-drawn chart of 30 days, the numbers in a table, and top hashtags. */
export function statsPage(ctx: PageContext, { from, to, days, latest }: StatsPageData): SafeHtml {
  const byDay = new Map(days.map((d) => [d.day, d]));
  const range = eachDay(from, to);
  const fromYear = from.slice(0, 4) === to.slice(0, 4) ? '' : `, ${from.slice(0, 4)}`;
  const period = `${shortDay(from)}${fromYear} – ${shortDay(to)}, ${to.slice(0, 4)}`;
  const intro = html`<p class="stats-intro">
    Activity on microposts per day (UTC), ${period}. Numbers are computed shortly after midnight UTC
    for the day before; posts deleted since are not counted. Also as
    <a href="/api/v1/microposts/stats/daily?from=${from}&amp;to=${to}">JSON</a>.
  </p>`;
  if (days.length === 0) {
    return layout(
      ctx,
      'Statistics',
      html`<div class="column stats">
        <section class="card">
          <h1>Statistics</h1>
          ${intro}
          <p class="empty">No statistics yet for these days. They appear after the first night.</p>
          ${periodNav(from, to, latest)}
        </section>
      </div>`,
    );
  }
  const hashtags = periodHashtags(days);
  const rows = [...range].reverse().map((day) => {
    const d = byDay.get(day);
    const label = html`<th scope="row"><time datetime="${day}">${shortDay(day)}</time></th>`;
    if (!d)
      return html`<tr class="missing">${label}<td colspan="${DAILY_COUNTS.length}">not computed</td></tr>`;
    return html`<tr>
      ${label}${DAILY_COUNTS.map((c) => html`<td>${number(d[c.key])}</td>`)}
    </tr>`;
  });
  return layout(
    ctx,
    'Statistics',
    html`<div class="column stats">
      <section class="card" aria-labelledby="stats-title">
        <h1 id="stats-title">Statistics</h1>
        ${intro}
        <dl class="stats-totals">
          ${totals(days).map(([label, value]) => html`<div><dt>${label}</dt><dd>${number(value)}</dd></div>`)}
        </dl>
        ${periodNav(from, to, latest)}
      </section>
      <figure class="card stats-figure">
        ${statsChart(
          range.map((day) => ({
            day,
            statuses: byDay.get(day)?.statuses ?? null,
            activeAccounts: byDay.get(day)?.activeAccounts ?? null,
          })),
          'stats-chart-title',
          'stats-chart-desc',
        )}
        <figcaption>
          <ul class="chart-legend">
            <li><span class="swatch swatch-bar" aria-hidden="true"></span> Statuses</li>
            <li><span class="swatch swatch-line" aria-hidden="true"></span> Active accounts (accounts that posted)</li>
          </ul>
        </figcaption>
      </figure>
      <section class="card" aria-labelledby="hashtags-title">
        <h2 id="hashtags-title">Top hashtags</h2>
        ${
          hashtags.length === 0
            ? html`<p class="empty">No hashtags in public posts in this period.</p>`
            : html`<ol class="top-hashtags">
                ${hashtags.map(
                  (t) =>
                    html`<li>
                      <a href="${tagPath(t.name)}">#${t.name}</a>
                      <span class="count">${number(t.count)} ${t.count === 1 ? 'post' : 'posts'}</span>
                    </li>`,
                )}
              </ol>`
        }
        <p class="note">Public posts, summed over each day's ten most used hashtags.</p>
      </section>
      <section class="card" aria-labelledby="stats-table-title">
        <h2 id="stats-table-title">Every day</h2>
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="stats-table-caption">
          <table class="stats-table">
            <caption id="stats-table-caption">
              Daily statistics, ${period} (UTC), newest first
            </caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                ${DAILY_COUNTS.map((c) => html`<th scope="col">${c.label}</th>`)}
              </tr>
            </thead>
            <tbody>
              ${rows}
            </tbody>
          </table>
        </div>
      </section>
    </div>`,
  );
}
