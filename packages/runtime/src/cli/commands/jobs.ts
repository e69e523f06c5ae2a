// `jobs`, `jobs retry`: the operator's view of the job queue (graphile-worker's tables).
import type { JobInfo, JobState } from '@microposts/core';
import { CliError, domain, parseOptions, type Command } from '../command.ts';

const STATES: JobState[] = ['queued', 'scheduled', 'running', 'failed'];

function describe(job: JobInfo): string {
  const when = job.state === 'scheduled' ? ` runs ${job.runAt.toISOString()}` : '';
  const error = job.lastError ? `\n    last error: ${job.lastError.split('\n')[0]!.slice(0, 200)}` : '';
  return `  ${job.id.padStart(6)}  ${job.task.padEnd(22)} ${job.state.padEnd(9)} attempt ${job.attempts}/${job.maxAttempts}${when}${job.key ? `  key ${job.key}` : ''}${error}`;
}

export const jobsList: Command = {
  summary: 'Show queued, scheduled, running and failed jobs, with the last error',
  help: [
    'Usage: npm run cli -- jobs [--state queued|scheduled|running|failed] [--limit N]',
    '',
    'Counts the jobs in each state, then lists them oldest first: "queued" waits for a worker,',
    '"scheduled" waits for its time (a delay, or the back-off before a retry), "running" is locked',
    'by a worker, "failed" used all its attempts and stays until retried (`jobs retry`).',
    '',
    'Options:',
    '  --state <state>   only jobs in this state',
    '  --limit <n>       at most n jobs (default 50)',
  ].join('\n'),
  async run(app, args, print) {
    const { values } = parseOptions(args, { state: { type: 'string' }, limit: { type: 'string' } });
    const state = values.state as JobState | undefined;
    if (state && !STATES.includes(state)) throw new CliError(`--state must be one of ${STATES.join(', ')}.`);
    const limit = values.limit === undefined ? 50 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 10000)
      throw new CliError('--limit must be a whole number from 1 to 10000.');
    const counts = await app.services.jobs.counts();
    print(STATES.map((s) => `${s}: ${counts[s]}`).join(', '));
    const jobs = await app.services.jobs.list({ ...(state ? { state } : {}), limit });
    if (jobs.length === 0) return print('No jobs.');
    for (const job of jobs) print(describe(job));
  },
};

export const jobsRetry: Command = {
  summary: 'Run jobs again now: by id, or every failed job with --failed',
  help: [
    'Usage: npm run cli -- jobs retry <id>...',
    '       npm run cli -- jobs retry --failed',
    '',
    'Makes the jobs run again at once with a fresh set of attempts. A running job cannot be retried.',
  ].join('\n'),
  async run(app, args, print) {
    const { values, positionals } = parseOptions(args, { failed: { type: 'boolean' } }, true);
    if (values.failed && positionals.length > 0) throw new CliError('Give job ids or --failed, not both.');
    if (values.failed) {
      const ids = await app.services.jobs.retryFailed();
      return print(
        ids.length ? `Retrying ${ids.length} failed job(s): ${ids.join(', ')}.` : 'No failed jobs.',
      );
    }
    if (positionals.length === 0)
      throw new CliError('Expected job ids or --failed. Usage: npm run cli -- jobs retry <id>...');
    const ids = await domain(app.services.jobs.retry({ ids: positionals }));
    print(`Retrying job(s) ${ids.join(', ')}.`);
  },
};
