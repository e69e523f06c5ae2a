import { sql } from 'kysely';
import { DomainError, type ReblogRepository } from '@microposts/core';
import type { Db } from '../connection.ts';
import { accountEntries } from './account-entries.ts';
import { referring } from './errors.ts';

/**
 * Boosts in PostgreSQL: a status row with empty text whose reblog_of_id is the original (migration
 * 0016); its counters, notifications' removal and cache announcements are the statuses triggers'.
 */
export function reblogRepository(db: Db): ReblogRepository {
  const findOwn = async (accountId: string, statusId: string) =>
    (
      await db
        .selectFrom('statuses')
        .select('id')
        .where('reblog_of_id', '=', statusId)
        .where('account_id', '=', accountId)
        .executeTakeFirst()
    )?.id ?? null;
  return {
    async create(accountId, statusId, visibility) {
      // The unique index (reblog_of_id, account_id) makes a second boost, even a concurrent one, a no-op.
      const { rows } = await referring(
        sql<{ id: string }>`
          INSERT INTO statuses (account_id, text, html, visibility, reblog_of_id)
          VALUES (${accountId}, '', '', ${visibility}, ${statusId})
          ON CONFLICT (reblog_of_id, account_id) WHERE reblog_of_id IS NOT NULL DO NOTHING
          RETURNING id`.execute(db),
        () => new DomainError('not_found'),
      );
      if (rows[0]) return { id: rows[0].id, created: true };
      const id = await findOwn(accountId, statusId);
      if (!id) throw new DomainError('not_found');
      return { id, created: false };
    },
    findOwn,
    rebloggedBy: (statusId, page, viewerId) =>
      accountEntries(
        db,
        { table: 'statuses', accountColumn: 'account_id', key: 'reblog_of_id' },
        statusId,
        page,
        viewerId,
      ),
    async boosterIds(statusId) {
      const rows = await db
        .selectFrom('statuses')
        .select('account_id')
        .where('reblog_of_id', '=', statusId)
        .execute();
      return rows.map((r) => r.account_id);
    },
  };
}
