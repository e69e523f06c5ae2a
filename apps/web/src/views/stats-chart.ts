// The /stats chart, drawn on the server as SVG: it needs no JavaScript and no chart library, and
// its colours come from classes in styles/15-stats.css (the CSP forbids inline styles), so it follows the
// light and dark themes. Written by hand because it is one small chart; a library would bring
// client-side code we do not want.
import { html, type SafeHtml } from './html.ts';

/** One day of the chart; null values are days that were never computed (drawn as a gap). */
export interface ChartDay {
  day: string;
  statuses: number | null;
  activeAccounts: number | null;
}

const WIDTH = 680;
const HEIGHT = 280;
const M = { top: 16, right: 12, bottom: 34, left: 44 };
const PLOT_W = WIDTH - M.left - M.right;
const PLOT_H = HEIGHT - M.top - M.bottom;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A round axis maximum and step (1, 2 or 5 times a power of ten) giving at most five steps. */
export function axisScale(max: number): { top: number; step: number } {
  if (max <= 0) return { top: 5, step: 1 };
  const raw = max / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  const wholeStep = Math.max(1, step);
  return { top: Math.ceil(max / wholeStep) * wholeStep, step: wholeStep };
}

/** "Nov 3" for 2026-11-03. */
export function shortDay(day: string): string {
  return `${MONTHS[Number(day.slice(5, 7)) - 1]} ${Number(day.slice(8, 10))}`;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Statuses per day as bars and active accounts as a line, on one axis. */
export function statsChart(days: ChartDay[], titleId: string, descId: string): SafeHtml {
  const max = Math.max(0, ...days.flatMap((d) => [d.statuses ?? 0, d.activeAccounts ?? 0]));
  const { top, step } = axisScale(max);
  const slot = PLOT_W / Math.max(1, days.length);
  const y = (v: number) => round(M.top + PLOT_H - (v / top) * PLOT_H);
  const cx = (i: number) => round(M.left + slot * i + slot / 2);
  const barWidth = round(Math.max(1, slot * 0.62));
  const labelEvery = Math.max(1, Math.ceil(days.length / 5));

  const gridLines: SafeHtml[] = [];
  for (let v = 0; v <= top; v += step) {
    gridLines.push(html`<line class="chart-grid" x1="${M.left}" x2="${WIDTH - M.right}" y1="${y(v)}" y2="${y(v)}" />
      <text class="chart-label" x="${M.left - 6}" y="${y(v) + 4}" text-anchor="end">${v}</text>`);
  }

  const bars = days.map((d, i) =>
    d.statuses === null
      ? ''
      : html`<rect class="chart-bar" x="${round(cx(i) - barWidth / 2)}" y="${y(d.statuses)}" width="${barWidth}"
          height="${round(M.top + PLOT_H - y(d.statuses))}"><title>${shortDay(d.day)}: ${d.statuses} statuses, ${d.activeAccounts} active accounts</title></rect>`,
  );

  // The active-accounts line breaks where a day is missing rather than drawing through it.
  const segments: string[][] = [[]];
  days.forEach((d, i) => {
    if (d.activeAccounts === null) segments.push([]);
    else segments.at(-1)!.push(`${cx(i)},${y(d.activeAccounts)}`);
  });
  const lines = segments
    .filter((s) => s.length > 1)
    .map((s) => html`<polyline class="chart-line" points="${s.join(' ')}" fill="none" />`);
  const dots = days.map((d, i) =>
    d.activeAccounts === null
      ? ''
      : html`<circle class="chart-dot" cx="${cx(i)}" cy="${y(d.activeAccounts)}" r="3" />`,
  );

  // The last day's label ends at the right edge so it is never clipped.
  const xLabels = days.map((d, i) =>
    i === days.length - 1 && days.length > 1
      ? html`<text class="chart-label" x="${WIDTH - 2}" y="${HEIGHT - 12}" text-anchor="end">${shortDay(d.day)}</text>`
      : i % labelEvery === 0 && days.length - 1 - i >= labelEvery * 0.75
        ? html`<text class="chart-label" x="${cx(i)}" y="${HEIGHT - 12}" text-anchor="middle">${shortDay(d.day)}</text>`
        : '',
  );

  const first = days[0]?.day ?? '';
  const last = days.at(-1)?.day ?? '';
  const computed = days.filter((d) => d.statuses !== null);
  const peak = computed.reduce<ChartDay | null>((p, d) => (p && p.statuses! >= d.statuses! ? p : d), null);
  return html`<svg class="stats-chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img"
    aria-labelledby="${titleId} ${descId}" xmlns="http://www.w3.org/2000/svg">
    <title id="${titleId}">Statuses and active accounts per day, ${shortDay(first)} to ${shortDay(last)} (UTC)</title>
    <desc id="${descId}">Bars: statuses per day. Line: accounts that posted per day. ${
      peak ? `The busiest day was ${shortDay(peak.day)} with ${peak.statuses} statuses. ` : ''
    }${computed.length} of ${days.length} days computed. The table below lists every number.</desc>
    ${gridLines}
    <line class="chart-axis" x1="${M.left}" x2="${WIDTH - M.right}" y1="${y(0)}" y2="${y(0)}" />
    ${bars} ${lines} ${dots} ${xLabels}
  </svg>`;
}
