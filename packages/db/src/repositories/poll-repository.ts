// The only code that writes polls and poll_votes (migration 0021). The counts are kept by the
// poll_votes trigger; changes are announced by the triggers (s:<status>, v:<voter>).
import { sql } from 'kysely';
import type { PollRepository } from '@microposts/core';
import type { Db } from '../connection.ts';

export function pollRepository(db: Db): PollRepository {
  return {
    async create(poll) {
      await db
        .insertInto('polls')
        .values({
          status_id: poll.statusId,
          options: poll.options,
          votes_counts: poll.options.map(() => '0'),
          multiple: poll.multiple,
          hide_totals: poll.hideTotals,
          expires_at: poll.expiresAt,
        })
        .execute();
    },
    async replace(poll, resetVotes) {
      // The votes go first: their trigger takes them off the old counts, which are then replaced.
      if (resetVotes) await db.deleteFrom('poll_votes').where('poll_id', '=', poll.statusId).execute();
      await db
        .updateTable('polls')
        .set({
          options: poll.options,
          multiple: poll.multiple,
          hide_totals: poll.hideTotals,
          expires_at: poll.expiresAt,
          closed_at: null,
          ...(resetVotes
            ? { votes_counts: poll.options.map(() => '0'), votes_count: '0', voters_count: '0' }
            : {}),
        })
        .where('status_id', '=', poll.statusId)
        .execute();
    },
    async delete(statusId) {
      await db.deleteFrom('polls').where('status_id', '=', statusId).execute();
    },
    async lock(statusId) {
      const row = await db
        .selectFrom('polls')
        .innerJoin('statuses', 'statuses.id', 'polls.status_id')
        .select([
          'polls.status_id',
          'statuses.account_id',
          sql<number>`cardinality(polls.options)`.as('options_count'),
          'polls.multiple',
          'polls.expires_at',
          'polls.closed_at',
        ])
        .where('polls.status_id', '=', statusId)
        .forUpdate('polls')
        .executeTakeFirst();
      return row
        ? {
            statusId: row.status_id,
            authorId: row.account_id,
            optionsCount: Number(row.options_count),
            multiple: row.multiple,
            expiresAt: row.expires_at,
            closedAt: row.closed_at,
          }
        : null;
    },
    async hasVoted(statusId, accountId) {
      const row = await db
        .selectFrom('poll_votes')
        .select('account_id')
        .where('poll_id', '=', statusId)
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return row !== undefined;
    },
    async vote(statusId, accountId, choices) {
      const rows = await db
        .insertInto('poll_votes')
        .values({ poll_id: statusId, account_id: accountId, choices })
        .onConflict((oc) => oc.doNothing())
        .returning('account_id')
        .execute();
      return rows.length > 0;
    },
    async close(statusId) {
      await db
        .updateTable('polls')
        .set({ closed_at: new Date() })
        .where('status_id', '=', statusId)
        .execute();
      const rows = await db
        .selectFrom('poll_votes')
        .select('account_id')
        .where('poll_id', '=', statusId)
        .execute();
      return rows.map((r) => r.account_id);
    },
  };
}
