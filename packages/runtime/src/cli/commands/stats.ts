// `stats backfill` and `stats show`: daily statistics from the command line (docs/stats.md).
import { DAILY_COUNTS, dailyStatsJson, eachDay, type DailyStats } from '@microposts/core';
import { CliError, domain, parseOptions, type Command } from '../command.ts';

const HEADERS = ['day', ...DAILY_COUNTS.map((c) => c.short), 'top hashtags'];

function row(s: DailyStats): string[] {
  return [
    s.day,
    ...DAILY_COUNTS.map((c) => String(s[c.key])),
    s.topHashtags
      .slice(0, 3)
      .map((t) => `#${t.name} ${t.count}`)
      .join(', '),
  ];
}

/** Lines of an aligned text table. */
function table(rows: string[][]): string[] {
  const all = [HEADERS, ...rows];
  const widths = HEADERS.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  return all.map((r) =>
    r
      .map((cell, i) => (i === 0 || i === r.length - 1 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}

export const statsBackfill: Command = {
  summary: 'Compute the daily statistics of a range of past days (UTC)',
  help: `Usage: npm run cli -- stats backfill --from YYYY-MM-DD --to YYYY-MM-DD

Computes and stores the statistics of every UTC day from --from to --to (inclusive), for example
after restoring a backup or when no worker ran for a while. Days must have ended (yesterday at
the latest) and the range may cover at most 366 days. Re-running a day is safe: the same data
gives the same row.

Options:
  --from YYYY-MM-DD   first day (required)
  --to YYYY-MM-DD     last day (required; use the same day as --from for one day)
  -h, --help          show this help`,
  async run(app, args, print) {
    const { values } = parseOptions(args, { from: { type: 'string' }, to: { type: 'string' } });
    if (values.from === undefined) throw new CliError('--from is required (YYYY-MM-DD).');
    if (values.to === undefined) throw new CliError('--to is required (YYYY-MM-DD).');
    const computed = await domain(app.services.stats.backfill({ from: values.from, to: values.to }));
    for (const line of table(computed.map(row))) print(line);
    print(`Computed ${computed.length} day${computed.length === 1 ? '' : 's'}.`);
  },
};

export const statsShow: Command = {
  summary: 'Show the stored daily statistics',
  help: `Usage: npm run cli -- stats show [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]

Prints the stored daily statistics, oldest first. Without options: the last 30 days that have
ended (UTC). Days that were never computed are listed as "not computed"; compute them with
\`stats backfill\`.

Options:
  --from YYYY-MM-DD   first day (default: 29 days before --to)
  --to YYYY-MM-DD     last day (default: yesterday)
  --json              print the rows as JSON, as the API returns them
  -h, --help          show this help`,
  async run(app, args, print) {
    const { values } = parseOptions(args, {
      from: { type: 'string' },
      to: { type: 'string' },
      json: { type: 'boolean' },
    });
    const { from, to, days } = await domain(app.services.stats.list({ from: values.from, to: values.to }));
    if (values.json) {
      print(JSON.stringify(days.map(dailyStatsJson), null, 2));
      return;
    }
    const byDay = new Map(days.map((d) => [d.day, d]));
    const rows: string[][] = [];
    for (const day of eachDay(from, to)) {
      const stats = byDay.get(day);
      rows.push(stats ? row(stats) : [day, ...Array(7).fill('-'), 'not computed']);
    }
    for (const line of table(rows)) print(line);
    print(`${days.length} of ${rows.length} days computed (${from} to ${to}, UTC).`);
  },
};
