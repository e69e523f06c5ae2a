// Lists (migration 0022): the lists themselves, their members, and their timelines.
import { sql } from 'kysely';
import type { List, ListRepository } from '@microposts/core';
import type { Db } from '../connection.ts';
import { noCache, type ReadCache } from '../cache/read-cache.ts';
import { publicAccountColumns, toPublicAccount } from './account-repository.ts';
import { listTimelineIds } from './list-timeline.ts';
import { fetchPage } from './pagination.ts';
import type { StatusReader } from './status-select.ts';

const columns = [
  'lists.id',
  'lists.account_id',
  'lists.title',
  'lists.replies_policy',
  'lists.exclusive',
] as const;

function toList(row: {
  id: string;
  account_id: string;
  title: string;
  replies_policy: List['repliesPolicy'];
  exclusive: boolean;
}): List {
  return {
    id: row.id,
    accountId: row.account_id,
    title: row.title,
    repliesPolicy: row.replies_policy,
    exclusive: row.exclusive,
  };
}

/** How many of a list's newest statuses the cache keeps in order (a first page of any size). */
const HEAD = 40;
/** A list timeline leaves out muted accounts (as home). */
const TIMELINE = { hideMuted: true };

/** Lists in PostgreSQL; every read and write of a list is by its owner (another's list is not found). */
export function listRepository(db: Db, reader: StatusReader, cache: ReadCache = noCache): ListRepository {
  return {
    async ownedBy(accountId) {
      const rows = await db
        .selectFrom('lists')
        .select(columns)
        .where('account_id', '=', accountId)
        .orderBy('id')
        .execute();
      return rows.map(toList);
    },
    async countOwnedBy(accountId) {
      const row = await db
        .selectFrom('lists')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('account_id', '=', accountId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async find(accountId, listId) {
      const row = await db
        .selectFrom('lists')
        .select(columns)
        .where('id', '=', listId)
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return row ? toList(row) : null;
    },
    async create(accountId, fields) {
      const row = await db
        .insertInto('lists')
        .values({
          account_id: accountId,
          title: fields.title,
          replies_policy: fields.repliesPolicy,
          exclusive: fields.exclusive,
        })
        .returning(columns)
        .executeTakeFirstOrThrow();
      return toList(row);
    },
    async update(accountId, listId, fields) {
      const set = {
        ...(fields.title !== undefined ? { title: fields.title } : {}),
        ...(fields.repliesPolicy !== undefined ? { replies_policy: fields.repliesPolicy } : {}),
        ...(fields.exclusive !== undefined ? { exclusive: fields.exclusive } : {}),
      };
      if (Object.keys(set).length === 0) return this.find(accountId, listId);
      const row = await db
        .updateTable('lists')
        .set(set)
        .where('id', '=', listId)
        .where('account_id', '=', accountId)
        .returning(columns)
        .executeTakeFirst();
      return row ? toList(row) : null;
    },
    async delete(accountId, listId) {
      const result = await db
        .deleteFrom('lists')
        .where('id', '=', listId)
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
    async addMembers(list, accountIds) {
      // Each account with the owner's follow of it (none needed for the owner), and whether it is in already.
      const { rows } = await sql<{ id: string; follow_id: string | null; member: boolean; active: boolean }>`
        SELECT a.id, f.id AS follow_id, a.suspended_at IS NULL AS active,
          EXISTS (SELECT 1 FROM list_accounts la WHERE la.list_id = ${list.id} AND la.account_id = a.id) AS member
        FROM accounts a
        LEFT JOIN follows f ON f.account_id = ${list.accountId} AND f.target_account_id = a.id
        WHERE a.id = ANY(${accountIds}::bigint[])`.execute(db);
      const found = new Map(rows.map((r) => [r.id, r]));
      for (const id of accountIds) {
        const row = found.get(id);
        if (!row || !row.active) return { refused: 'not_found', accountId: id };
        if (id !== list.accountId && !row.follow_id) return { refused: 'not_followed', accountId: id };
        if (row.member) return { refused: 'already_member', accountId: id };
      }
      await db
        .insertInto('list_accounts')
        .values(
          accountIds.map((id) => ({ list_id: list.id, account_id: id, follow_id: found.get(id)!.follow_id })),
        )
        // two adds racing: the second one finds the row there and adds nothing
        .onConflict((oc) => oc.columns(['list_id', 'account_id']).doNothing())
        .execute();
      return null;
    },
    async removeMembers(listId, accountIds) {
      await db
        .deleteFrom('list_accounts')
        .where('list_id', '=', listId)
        .where('account_id', 'in', accountIds)
        .execute();
    },
    async members(listId, page) {
      const query = db
        .selectFrom('list_accounts')
        .innerJoin('accounts', 'accounts.id', 'list_accounts.account_id')
        .innerJoin('account_stats', 'account_stats.account_id', 'accounts.id')
        .where('list_accounts.list_id', '=', listId)
        .where('accounts.suspended_at', 'is', null)
        .select(publicAccountColumns);
      // Mastodon pages a list's members by the account's id (limit=0: all of them).
      const rows = page
        ? await fetchPage(query, 'accounts.id', page)
        : await query.orderBy('accounts.id', 'desc').execute();
      return rows.map((r) => ({ id: r.id, item: toPublicAccount(r) }));
    },
    async exclusiveOwners(memberId) {
      const rows = await db
        .selectFrom('list_accounts')
        .innerJoin('lists', 'lists.id', 'list_accounts.list_id')
        .select('lists.account_id')
        .where('list_accounts.account_id', '=', memberId)
        .where('lists.exclusive', '=', true)
        .execute();
      return new Set(rows.map((r) => r.account_id));
    },
    async holding(accountId, memberId) {
      const rows = await db
        .selectFrom('lists')
        .innerJoin('list_accounts', 'list_accounts.list_id', 'lists.id')
        .select(columns)
        .where('lists.account_id', '=', accountId)
        .where('list_accounts.account_id', '=', memberId)
        .orderBy('lists.id')
        .execute();
      return rows.map(toList);
    },
    async timeline(list, page) {
      const exact = async () => reader.load(await listTimelineIds(db, list, page), list.accountId, TIMELINE);
      if (cache === noCache || page.maxId || page.sinceId || page.minId || page.limit > HEAD) return exact();
      // The newest page, as home's (timeline-repository.ts): the list's newest HEAD ids, kept under the
      // owner's own key while none of the members' statuses (p:<member>) changed since they were read;
      // h:<owner> (its lists, their members, its follows) drops it. Muted members are left to the
      // reader; when it drops anything, the page is found again for the owner alone.
      const head = await cache.get(
        `h:${list.accountId}|l${list.id}`,
        async () => {
          const version = cache.version();
          const [refs, members] = await Promise.all([
            listTimelineIds(db, list, { limit: HEAD }, undefined, { withMuted: true }),
            db.selectFrom('list_accounts').select('account_id').where('list_id', '=', list.id).execute(),
          ]);
          return { ids: refs.map((r) => r.id), keys: members.map((m) => `p:${m.account_id}`), version };
        },
        (e) => !e.keys.some((k) => cache.changedSince(k, e.version)),
      );
      const wanted = head.ids.slice(0, page.limit);
      const shown = await reader.load(wanted, list.accountId, TIMELINE);
      return shown.length === wanted.length ? shown : exact();
    },
    async carries(list, statusId) {
      const refs = await listTimelineIds(db, list, { limit: 1 }, statusId);
      return refs.length === 1 && (await reader.load(refs, list.accountId, { hideMuted: true })).length === 1;
    },
  };
}
