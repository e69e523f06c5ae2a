import { sql } from 'kysely';
import type { IdempotencyRepository } from '@microposts/core';
import type { Db } from '../connection.ts';

/** Idempotency keys in PostgreSQL; the primary key serialises two requests that carry the same key. */
export function idempotencyRepository(db: Db): IdempotencyRepository {
  return {
    async claim(accountId, key) {
      // Inserts the key, or takes over one older than a day; a concurrent insert of the same key
      // blocks here until the other transaction commits (then: conflict) or rolls back (then: ours).
      const claimed = await db
        .insertInto('idempotency_keys')
        .values({ account_id: accountId, key, status_id: null })
        .onConflict((oc) =>
          oc
            .columns(['account_id', 'key'])
            .doUpdateSet({ status_id: null, created_at: sql<Date>`now()` })
            .where('idempotency_keys.created_at', '<', sql<Date>`now() - interval '1 day'`),
        )
        .returning('key')
        .executeTakeFirst();
      if (claimed) return null;
      const row = await db
        .selectFrom('idempotency_keys')
        .select('status_id')
        .where('account_id', '=', accountId)
        .where('key', '=', key)
        .executeTakeFirst();
      return row?.status_id ?? '';
    },
    async record(accountId, key, statusId) {
      await db
        .updateTable('idempotency_keys')
        .set({ status_id: statusId })
        .where('account_id', '=', accountId)
        .where('key', '=', key)
        .execute();
    },
  };
}
