import { DomainError, type FavouriteRepository } from '@microposts/core';
import type { Db } from '../connection.ts';
import { accountEntries } from './account-entries.ts';
import { referring } from './errors.ts';
import { fetchPage } from './pagination.ts';
import { selectStatuses, toStatus } from './status-select.ts';

/** Favourites in PostgreSQL; lists page by the favourite row's id, as Mastodon's Link headers do. */
export function favouriteRepository(db: Db): FavouriteRepository {
  return {
    async create(accountId, statusId) {
      const row = await referring(
        db
          .insertInto('favourites')
          .values({ account_id: accountId, status_id: statusId })
          .onConflict((oc) => oc.columns(['account_id', 'status_id']).doNothing())
          .returning('id')
          .executeTakeFirst(),
        () => new DomainError('not_found'),
      );
      return { created: !!row };
    },
    async delete(accountId, statusId) {
      const r = await db
        .deleteFrom('favourites')
        .where('account_id', '=', accountId)
        .where('status_id', '=', statusId)
        .executeTakeFirst();
      return r.numDeletedRows > 0n;
    },
    favouritedBy: (statusId, page) =>
      accountEntries(
        db,
        { table: 'favourites', accountColumn: 'account_id', key: 'status_id' },
        statusId,
        page,
      ),
    async byAccount(accountId, page) {
      const query = selectStatuses(db, accountId)
        .innerJoin('favourites', 'favourites.status_id', 'statuses.id')
        .where('favourites.account_id', '=', accountId)
        .select('favourites.id as entry_id');
      const rows = await fetchPage(query, 'favourites.id', page);
      return rows.map((r) => ({ id: r.entry_id, item: toStatus(r) }));
    },
  };
}
