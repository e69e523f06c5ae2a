import type { Command } from '../command.ts';
import { jobsList, jobsRetry } from './jobs.ts';
import { accountsCreate, accountsList, accountsSuspend, accountsUnsuspend } from './accounts.ts';
import { accountsRole } from './account-role.ts';
import { statsBackfill, statsShow } from './stats.ts';
import { countersRebuild } from './counters.ts';
import { mediaOrphans, mediaUsage } from './media.ts';

/** Every operator command by name; two-word names ("accounts create") are allowed. */
export const commands: Record<string, Command> = {
  jobs: jobsList,
  'jobs retry': jobsRetry,
  'accounts create': accountsCreate,
  'accounts suspend': accountsSuspend,
  'accounts unsuspend': accountsUnsuspend,
  'accounts list': accountsList,
  'accounts role': accountsRole,
  'stats backfill': statsBackfill,
  'stats show': statsShow,
  'counters rebuild': countersRebuild,
  media: mediaUsage,
  'media orphans': mediaOrphans,
};
