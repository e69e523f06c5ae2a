import { sql } from 'kysely';
import { DomainError, type MuteRepository, type MuteTerms } from '@microposts/core';
import type { Db } from '../connection.ts';
import { publicAccountColumns, toPublicAccount } from './account-repository.ts';
import { referring } from './errors.ts';
import { fetchPage } from './pagination.ts';

// A mute is in force until its expires_at (null: until unmuted); every read checks it, so a mute ends
// on time whether or not housekeeping has deleted its row yet.
const inForce = sql<boolean>`(mutes.expires_at IS NULL OR mutes.expires_at > now())`;

/** Mutes in PostgreSQL; the list pages by the mute row's id, as Mastodon's Link headers do. */
export function muteRepository(db: Db): MuteRepository {
  return {
    async set(accountId, targetAccountId, terms) {
      // Muting again replaces the terms and keeps the row (and so its place in the list).
      await referring(
        db
          .insertInto('mutes')
          .values({
            account_id: accountId,
            target_account_id: targetAccountId,
            notifications: terms.notifications,
            expires_at: terms.expiresAt,
          })
          .onConflict((oc) =>
            oc
              .columns(['account_id', 'target_account_id'])
              .doUpdateSet({ notifications: terms.notifications, expires_at: terms.expiresAt }),
          )
          .execute(),
        () => new DomainError('not_found'),
      );
    },
    async delete(accountId, targetAccountId) {
      const rows = await db
        .deleteFrom('mutes')
        .where('account_id', '=', accountId)
        .where('target_account_id', '=', targetAccountId)
        .returning(sql<boolean>`expires_at IS NULL OR expires_at > now()`.as('was_in_force'))
        .execute();
      return rows.some((r) => r.was_in_force);
    },
    async list(accountId, page) {
      const query = db
        .selectFrom('mutes')
        .innerJoin('accounts', 'accounts.id', 'mutes.target_account_id')
        .innerJoin('account_stats', 'account_stats.account_id', 'accounts.id')
        .where('mutes.account_id', '=', accountId)
        .where('accounts.suspended_at', 'is', null)
        .where(inForce)
        .select([...publicAccountColumns, 'mutes.id as entry_id', 'mutes.expires_at']);
      const rows = await fetchPage(query, 'mutes.id', page);
      return rows.map((r) => ({
        id: r.entry_id,
        item: { ...toPublicAccount(r), muteExpiresAt: r.expires_at },
      }));
    },
    async of(accountId, targetIds) {
      if (targetIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('mutes')
        .select(['target_account_id', 'notifications', 'expires_at'])
        .where('account_id', '=', accountId)
        .where('target_account_id', 'in', targetIds)
        .where(inForce)
        .execute();
      return new Map(
        rows.map((r): [string, MuteTerms] => [
          r.target_account_id,
          { notifications: r.notifications, expiresAt: r.expires_at },
        ]),
      );
    },
    async purgeExpired(now) {
      const r = await db.deleteFrom('mutes').where('expires_at', '<=', now).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
