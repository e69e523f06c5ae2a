import { sql } from 'kysely';
import type { UsageRepository } from '@microposts/core';
import type { Db } from '../connection.ts';

/** Site-wide counters in one query; the statuses count uses the primary key, so it stays an index scan. */
export function usageRepository(db: Db): UsageRepository {
  return {
    async usage() {
      const row = await sql<{
        users: string;
        statuses: string;
        active_month: string;
        active_halfyear: string;
      }>`
        SELECT
          (SELECT count(*) FROM accounts WHERE suspended_at IS NULL) AS users,
          (SELECT count(*) FROM statuses s JOIN accounts a ON a.id = s.account_id
            WHERE a.suspended_at IS NULL) AS statuses,
          (SELECT count(DISTINCT s.account_id) FROM statuses s JOIN accounts a ON a.id = s.account_id
            WHERE a.suspended_at IS NULL AND s.created_at > now() - interval '30 days') AS active_month,
          (SELECT count(DISTINCT s.account_id) FROM statuses s JOIN accounts a ON a.id = s.account_id
            WHERE a.suspended_at IS NULL AND s.created_at > now() - interval '180 days') AS active_halfyear
      `.execute(db);
      const r = row.rows[0]!;
      return {
        users: Number(r.users),
        statuses: Number(r.statuses),
        activeMonth: Number(r.active_month),
        activeHalfyear: Number(r.active_halfyear),
      };
    },
  };
}
