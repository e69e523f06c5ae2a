import { sql } from 'kysely';
import type { Filter, FilterContext, FilterRepository } from '@microposts/core';
import type { Db } from '../connection.ts';

/**
 * Filters v2 in PostgreSQL (migration 0020). Every write is announced by the tables' triggers
 * (`cf:<account>` for the read cache's copy, `e:filters:<account>` for the streaming API).
 */
export function filterRepository(db: Db): FilterRepository {
  // The account's filters (one of them when `id` is given), each with its keywords and statuses:
  // three index range reads.
  const load = async (accountId: string, options: { id?: string; active?: boolean } = {}) => {
    let query = db
      .selectFrom('filters')
      .select(['id', 'account_id', 'title', 'context', 'action', 'expires_at'])
      .where('account_id', '=', accountId)
      .orderBy('id');
    if (options.id !== undefined) query = query.where('id', '=', options.id);
    if (options.active)
      query = query.where((eb) =>
        eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', sql<Date>`now()`)]),
      );
    const rows = await query.execute();
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [keywords, statuses] = await Promise.all([
      db
        .selectFrom('filter_keywords')
        .select(['id', 'filter_id', 'keyword', 'whole_word'])
        .where('filter_id', 'in', ids)
        .orderBy('id')
        .execute(),
      db
        .selectFrom('filter_statuses')
        .select(['id', 'filter_id', 'status_id'])
        .where('filter_id', 'in', ids)
        .orderBy('id')
        .execute(),
    ]);
    return rows.map((r): Filter => ({
      id: r.id,
      accountId: r.account_id,
      title: r.title,
      context: r.context as FilterContext[],
      action: r.action,
      expiresAt: r.expires_at,
      keywords: keywords
        .filter((k) => k.filter_id === r.id)
        .map((k) => ({ id: k.id, filterId: k.filter_id, keyword: k.keyword, wholeWord: k.whole_word })),
      statuses: statuses
        .filter((s) => s.filter_id === r.id)
        .map((s) => ({ id: s.id, filterId: s.filter_id, statusId: s.status_id })),
    }));
  };

  return {
    list: (accountId) => load(accountId),
    active: (accountId) => load(accountId, { active: true }),
    async find(accountId, id) {
      return (await load(accountId, { id }))[0] ?? null;
    },
    async create(accountId, filter) {
      const { id } = await db
        .insertInto('filters')
        .values({
          account_id: accountId,
          title: filter.title,
          context: filter.context,
          action: filter.action,
          expires_at: filter.expiresAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (filter.keywords.length)
        await db
          .insertInto('filter_keywords')
          .values(
            filter.keywords.map((k) => ({ filter_id: id, keyword: k.keyword, whole_word: k.wholeWord })),
          )
          .execute();
      return id;
    },
    async update(filterId, change) {
      await db
        .updateTable('filters')
        .set({
          ...(change.title !== undefined ? { title: change.title } : {}),
          ...(change.context !== undefined ? { context: change.context } : {}),
          ...(change.action !== undefined ? { action: change.action } : {}),
          ...(change.expiresAt !== undefined ? { expires_at: change.expiresAt } : {}),
          updated_at: sql<Date>`now()`,
        })
        .where('id', '=', filterId)
        .execute();
    },
    async delete(filterId) {
      await db.deleteFrom('filters').where('id', '=', filterId).execute();
    },
    async findKeyword(accountId, id) {
      const row = await db
        .selectFrom('filter_keywords')
        .innerJoin('filters', 'filters.id', 'filter_keywords.filter_id')
        .select([
          'filter_keywords.id',
          'filter_keywords.filter_id',
          'filter_keywords.keyword',
          'filter_keywords.whole_word',
        ])
        .where('filter_keywords.id', '=', id)
        .where('filters.account_id', '=', accountId)
        .executeTakeFirst();
      return row
        ? { id: row.id, filterId: row.filter_id, keyword: row.keyword, wholeWord: row.whole_word }
        : null;
    },
    async addKeyword(filterId, keyword) {
      const { id } = await db
        .insertInto('filter_keywords')
        .values({ filter_id: filterId, keyword: keyword.keyword, whole_word: keyword.wholeWord })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },
    async updateKeyword(id, change) {
      if (change.keyword === undefined && change.wholeWord === undefined) return;
      await db
        .updateTable('filter_keywords')
        .set({
          ...(change.keyword !== undefined ? { keyword: change.keyword } : {}),
          ...(change.wholeWord !== undefined ? { whole_word: change.wholeWord } : {}),
        })
        .where('id', '=', id)
        .execute();
    },
    async deleteKeyword(id) {
      await db.deleteFrom('filter_keywords').where('id', '=', id).execute();
    },
    async findStatus(accountId, id) {
      const row = await db
        .selectFrom('filter_statuses')
        .innerJoin('filters', 'filters.id', 'filter_statuses.filter_id')
        .select(['filter_statuses.id', 'filter_statuses.filter_id', 'filter_statuses.status_id'])
        .where('filter_statuses.id', '=', id)
        .where('filters.account_id', '=', accountId)
        .executeTakeFirst();
      return row ? { id: row.id, filterId: row.filter_id, statusId: row.status_id } : null;
    },
    async addStatus(filterId, statusId) {
      const row = await db
        .insertInto('filter_statuses')
        .values({ filter_id: filterId, status_id: statusId })
        .onConflict((oc) => oc.columns(['filter_id', 'status_id']).doNothing())
        .returning('id')
        .executeTakeFirst();
      return row?.id ?? null;
    },
    async deleteStatus(id) {
      await db.deleteFrom('filter_statuses').where('id', '=', id).execute();
    },
  };
}
