import { DomainError, type FavouriteRepository } from '@microposts/core';
import type { Db } from '../connection.ts';
import { accountEntries } from './account-entries.ts';
import { referring } from './errors.ts';
import { fetchPage } from './pagination.ts';
import type { StatusReader } from './status-select.ts';
import { mayShow } from './visibility-sql.ts';

/** Favourites in PostgreSQL; lists page by the favourite row's id, as Mastodon's Link headers do. */
export function favouriteRepository(db: Db, reader: StatusReader): FavouriteRepository {
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
    favouritedBy: (statusId, page, viewerId) =>
      accountEntries(
        db,
        { table: 'favourites', accountColumn: 'account_id', key: 'status_id' },
        statusId,
        page,
        viewerId,
      ),
    async byAccount(accountId, page) {
      // Only what the account may still see (a private status of someone it no longer follows, or
      // of someone blocked either way, drops out of its list), so every page is whole.
      const query = db
        .selectFrom('favourites')
        .innerJoin('statuses', 'statuses.id', 'favourites.status_id')
        .where('favourites.account_id', '=', accountId)
        .where(mayShow(accountId, {}))
        .select(['favourites.id', 'favourites.status_id']);
      const rows = await fetchPage(query, 'favourites.id', page);
      const statuses = new Map(
        (
          await reader.load(
            rows.map((r) => ({ id: r.status_id, favourited: true })),
            accountId,
          )
        ).map((s) => [s.id, s]),
      );
      // A favourite of a status no longer shown (its author suspended) is left out.
      return rows.flatMap((r) => {
        const item = statuses.get(r.status_id);
        return item ? [{ id: r.id, item }] : [];
      });
    },
  };
}
