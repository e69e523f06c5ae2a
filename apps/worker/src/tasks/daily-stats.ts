import { addDays, assertPayload, dayOf, lastCompleteDay } from '@microposts/core';
import type { TaskHandler } from '@microposts/db';
import type { TaskDeps } from './deps.ts';

/**
 * Computes one day's statistics. From the crontab (00:05 UTC) it is the day before the tick, so a
 * tick backfilled after a pause still computes its own day; a manual job may name `day`.
 */
export const dailyStats =
  (app: TaskDeps): TaskHandler =>
  async (payload) => {
    const { day, _cron } = assertPayload('daily-stats', payload);
    const target = day ?? (_cron ? addDays(dayOf(new Date(_cron.ts)), -1) : lastCompleteDay());
    const stats = await app.services.stats.computeDay({ day: target });
    app.logger.info(
      { day: stats.day, statuses: stats.statuses, computedAt: stats.computedAt },
      'daily statistics computed',
    );
  };
