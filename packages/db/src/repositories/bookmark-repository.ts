import { DomainError, type BookmarkRepository } from '@microposts/core';
import type { Db } from '../connection.ts';
import { referring } from './errors.ts';
import { fetchPage } from './pagination.ts';
import type { StatusReader } from './status-select.ts';
import { mayShow } from './visibility-sql.ts';

/** Bookmarks in PostgreSQL; the list pages by the bookmark row's id, as Mastodon's Link headers do. */
export function bookmarkRepository(db: Db, reader: StatusReader): BookmarkRepository {
  return {
    async create(accountId, statusId) {
      await referring(
        db
          .insertInto('bookmarks')
          .values({ account_id: accountId, status_id: statusId })
          .onConflict((oc) => oc.columns(['account_id', 'status_id']).doNothing())
          .execute(),
        () => new DomainError('not_found'),
      );
    },
    async delete(accountId, statusId) {
      await db
        .deleteFrom('bookmarks')
        .where('account_id', '=', accountId)
        .where('status_id', '=', statusId)
        .execute();
    },
    async byAccount(accountId, page) {
      // Only what the account may still see (a private status of someone it no longer follows, or
      // of someone blocked either way, drops out of its list), so every page is whole.
      const query = db
        .selectFrom('bookmarks')
        .innerJoin('statuses', 'statuses.id', 'bookmarks.status_id')
        .where('bookmarks.account_id', '=', accountId)
        .where(mayShow(accountId, {}))
        .select(['bookmarks.id', 'bookmarks.status_id']);
      const rows = await fetchPage(query, 'bookmarks.id', page);
      const statuses = new Map(
        (
          await reader.load(
            rows.map((r) => ({ id: r.status_id, bookmarked: true })),
            accountId,
          )
        ).map((s) => [s.id, s]),
      );
      // A bookmark of a status no longer shown (its author suspended) is left out.
      return rows.flatMap((r) => {
        const item = statuses.get(r.status_id);
        return item ? [{ id: r.id, item }] : [];
      });
    },
  };
}
