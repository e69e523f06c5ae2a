// Periodic jobs, in graphile-worker's crontab format (UTC):
//   minute hour day-of-month month day-of-week task ?options {payload}
// graphile-worker schedules each line once however many workers run (a job key per tick), and
// `?fill=1h` backfills ticks missed while no worker ran. One line per schedule.
export const crontab = [
  // Purge expired sessions, e-mail tokens and OAuth codes, uploads never posted, released media files.
  '17 * * * * housekeeping ?fill=1h',
  // Yesterday's statistics (docs/product.md §6); ?fill=3d catches up ticks missed while no worker ran.
  '5 0 * * * daily-stats ?fill=3d',
].join('\n');
