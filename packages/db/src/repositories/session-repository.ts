import type { SessionRepository } from '@microposts/core';
import type { Db } from '../connection.ts';

/**
 * Website sessions; the id given is already a hash of the cookie value, so a database leak reveals no session.
 * Ending a session expires its row rather than deleting it, and `set` never revives an expired row: a request
 * that was already running when the session ended (say, during a password reset) cannot save it back.
 * Housekeeping deletes expired rows later.
 */
export function sessionRepository(db: Db): SessionRepository {
  return {
    async get(id) {
      const row = await db
        .selectFrom('sessions')
        .select(['account_id', 'data', 'expires_at'])
        .where('id', '=', id)
        .where('expires_at', '>', new Date())
        .executeTakeFirst();
      return row ? { accountId: row.account_id, data: row.data, expiresAt: row.expires_at } : null;
    },
    async set(id, record) {
      const values = {
        account_id: record.accountId,
        data: JSON.stringify(record.data),
        expires_at: record.expiresAt,
      };
      await db
        .insertInto('sessions')
        .values({ id, ...values })
        .onConflict((oc) => oc.column('id').doUpdateSet(values).where('sessions.expires_at', '>', new Date()))
        .execute();
    },
    async destroy(id) {
      await db.updateTable('sessions').set({ expires_at: new Date() }).where('id', '=', id).execute();
    },
    async destroyForAccount(accountId, exceptId) {
      let q = db.updateTable('sessions').set({ expires_at: new Date() }).where('account_id', '=', accountId);
      if (exceptId) q = q.where('id', '!=', exceptId);
      await q.execute();
    },
    async purgeExpired(now) {
      const r = await db.deleteFrom('sessions').where('expires_at', '<', now).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
