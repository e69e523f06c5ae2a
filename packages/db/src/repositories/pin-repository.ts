import { sql } from 'kysely';
import { DomainError, type PinRepository } from '@microposts/core';
import type { Db } from '../connection.ts';
import { noCache, type ReadCache } from '../cache/read-cache.ts';
import { referring } from './errors.ts';
import type { StatusReader } from './status-select.ts';

/** Pins in PostgreSQL; an account's few pinned ids are cached under `i:<account>|list`. */
export function pinRepository(db: Db, reader: StatusReader, cache: ReadCache = noCache): PinRepository {
  // All of an account's pins (at most five), newest pin first: the same for everyone (the reader
  // then drops what the viewer may not see).
  const pinnedIds = async (accountId: string) =>
    (
      await db
        .selectFrom('status_pins')
        .select('status_id')
        .where('account_id', '=', accountId)
        .orderBy('id', 'desc')
        .limit(20)
        .execute()
    ).map((r) => r.status_id);
  return {
    async create(accountId, statusId, max) {
      // One pin of an account at a time (the account row is the lock), so the count below holds.
      await sql`SELECT 1 FROM accounts WHERE id = ${accountId} FOR NO KEY UPDATE`.execute(db);
      const pins = await pinnedIds(accountId);
      if (pins.includes(statusId)) return 'already';
      if (pins.length >= max) return 'limit';
      await referring(
        db.insertInto('status_pins').values({ account_id: accountId, status_id: statusId }).execute(),
        () => new DomainError('not_found'),
      );
      return 'pinned';
    },
    async delete(accountId, statusId) {
      await db
        .deleteFrom('status_pins')
        .where('account_id', '=', accountId)
        .where('status_id', '=', statusId)
        .execute();
    },
    async byAccount(accountId, page, viewerId) {
      const ids = await cache.get(`i:${accountId}|list`, () => pinnedIds(accountId));
      // Mastodon's cursors on the status ids (there are at most five).
      const wanted = ids
        .filter(
          (id) =>
            (!page.maxId || BigInt(id) < BigInt(page.maxId)) &&
            (!page.sinceId || BigInt(id) > BigInt(page.sinceId)) &&
            (!page.minId || BigInt(id) > BigInt(page.minId)),
        )
        .slice(0, page.limit);
      const own = viewerId === accountId;
      return reader.load(
        wanted.map((id) => (own ? { id, pinned: true } : { id })),
        viewerId,
      );
    },
  };
}
