import type { AccountSettingsRepository } from '@microposts/core';
import type { Db } from '../connection.ts';
import { accountColumns, toAccount } from './account-repository.ts';

/** Account changes made in settings and by the operator: profile, password, suspension, deletion. */
export function accountSettingsRepository(db: Db): AccountSettingsRepository {
  return {
    async updateProfile(id, changes) {
      const set: { display_name?: string; bio?: string; bio_html?: string; mention_emails?: boolean } = {};
      if (changes.displayName !== undefined) set.display_name = changes.displayName;
      if (changes.bio !== undefined) set.bio = changes.bio;
      if (changes.bioHtml !== undefined) set.bio_html = changes.bioHtml;
      if (changes.mentionEmails !== undefined) set.mention_emails = changes.mentionEmails;
      const query =
        Object.keys(set).length > 0
          ? db.updateTable('accounts').set(set).where('id', '=', id).returning(accountColumns)
          : db.selectFrom('accounts').select(accountColumns).where('id', '=', id);
      return toAccount(await query.executeTakeFirstOrThrow());
    },
    async passwordHash(id) {
      const row = await db
        .selectFrom('accounts')
        .select('password_hash')
        .where('id', '=', id)
        .executeTakeFirst();
      return row?.password_hash ?? null;
    },
    async setPasswordHash(id, passwordHash) {
      await db.updateTable('accounts').set({ password_hash: passwordHash }).where('id', '=', id).execute();
    },
    async setSuspended(id, suspended) {
      const row = await db
        .updateTable('accounts')
        .set({ suspended_at: suspended ? new Date() : null })
        .where('id', '=', id)
        .returning(accountColumns)
        .executeTakeFirstOrThrow();
      return toAccount(row);
    },
    async list({ limit, suspended, maxId }) {
      let query = db.selectFrom('accounts').select(accountColumns);
      if (suspended === true) query = query.where('suspended_at', 'is not', null);
      if (suspended === false) query = query.where('suspended_at', 'is', null);
      if (maxId) query = query.where('id', '<', maxId);
      const rows = await query.orderBy('id', 'desc').limit(limit).execute();
      return rows.map(toAccount);
    },
    async delete(id) {
      await db.deleteFrom('accounts').where('id', '=', id).execute();
    },
  };
}
