import { sql } from 'kysely';
import type { Notification, NotificationRepository } from '@microposts/core';
import type { Db } from '../connection.ts';
import { publicAccountColumns, toPublicAccount } from './account-repository.ts';
import { fetchPage } from './pagination.ts';
import type { StatusReader } from './status-select.ts';
import { noCache, type ReadCache } from '../cache/read-cache.ts';

/** A notification without its account and status, as the newest page of each account is cached. */
interface Skeleton {
  id: string;
  type: Notification['type'];
  fromAccountId: string;
  statusId: string | null;
  readAt: Date | null;
  createdAt: Date;
}

/** How many of an account's newest notifications are cached (a first page of any size). */
const HEAD = 40;

/** In-app notifications in PostgreSQL; the unique index notifications_once makes every write idempotent. */
export function notificationRepository(
  db: Db,
  reader: StatusReader,
  cache: ReadCache = noCache,
): NotificationRepository {
  // The newest page of an account's notifications (cached under n:<account>|first, dropped with any
  // change to them); its accounts and statuses come from their own cache entries, so they are as
  // fresh as everywhere else.
  const firstPage = async (accountId: string, limit: number): Promise<Notification[]> => {
    const skeletons = await cache.get(`n:${accountId}|first`, async () => {
      const rows = await db
        .selectFrom('notifications')
        .innerJoin('accounts', 'accounts.id', 'notifications.from_account_id')
        .where('notifications.account_id', '=', accountId)
        .where('accounts.suspended_at', 'is', null)
        .select([
          'notifications.id',
          'type',
          'from_account_id',
          'status_id',
          'read_at',
          'notifications.created_at',
        ])
        .orderBy('notifications.id', 'desc')
        .limit(HEAD)
        .execute();
      return rows.map((r): Skeleton => ({
        id: r.id,
        type: r.type,
        fromAccountId: r.from_account_id,
        statusId: r.status_id,
        readAt: r.read_at,
        createdAt: r.created_at,
      }));
    });
    const page = skeletons.slice(0, limit);
    const [accounts, statuses] = await Promise.all([
      reader.accounts([...new Set(page.map((n) => n.fromAccountId))]),
      reader.load([...new Set(page.flatMap((n) => (n.statusId ? [n.statusId] : [])))], accountId),
    ]);
    const byId = new Map(statuses.map((s) => [s.id, s]));
    return page.flatMap((n) => {
      const account = accounts.get(n.fromAccountId);
      const status = n.statusId ? byId.get(n.statusId) : null;
      if (!account || (n.statusId && !status)) return [];
      const { fromAccountId: _, statusId: __, ...rest } = n;
      return [{ ...rest, account, status: status ?? null }];
    });
  };

  const select = (accountId: string) =>
    db
      .selectFrom('notifications')
      .innerJoin('accounts', 'accounts.id', 'notifications.from_account_id')
      .innerJoin('account_stats', 'account_stats.account_id', 'accounts.id')
      .where('notifications.account_id', '=', accountId)
      .where('accounts.suspended_at', 'is', null)
      .select([
        ...publicAccountColumns,
        'notifications.id as notification_id',
        'notifications.type',
        'notifications.status_id',
        'notifications.read_at',
        'notifications.created_at as notification_created_at',
      ]);
  type Row = Awaited<ReturnType<ReturnType<typeof select>['executeTakeFirstOrThrow']>>;

  // Statuses are read in one query for the page, as the recipient sees them (favourited or not);
  // a notification whose status is hidden (its author suspended) is left out.
  const withStatuses = async (accountId: string, rows: Row[]): Promise<Notification[]> => {
    const ids = [...new Set(rows.flatMap((r) => (r.status_id ? [r.status_id] : [])))];
    const statuses = new Map((await reader.load(ids, accountId)).map((s) => [s.id, s]));
    return rows.flatMap((r) => {
      const status = r.status_id ? statuses.get(r.status_id) : null;
      if (r.status_id && !status) return [];
      return [
        {
          id: r.notification_id,
          type: r.type,
          createdAt: r.notification_created_at,
          readAt: r.read_at,
          account: toPublicAccount(r),
          status: status ?? null,
        },
      ];
    });
  };

  return {
    async create(notifications) {
      if (notifications.length === 0) return 0;
      const rows = await db
        .insertInto('notifications')
        .values(
          notifications.map((n) => ({
            account_id: n.accountId,
            from_account_id: n.fromAccountId,
            type: n.type,
            status_id: n.statusId,
            read_at: null,
          })),
        )
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .execute();
      return rows.length;
    },
    async deleteFor(n) {
      let q = db
        .deleteFrom('notifications')
        .where('account_id', '=', n.accountId)
        .where('from_account_id', '=', n.fromAccountId)
        .where('type', '=', n.type);
      q = n.statusId ? q.where('status_id', '=', n.statusId) : q.where('status_id', 'is', null);
      await q.execute();
    },
    async list(accountId, page, filter = {}) {
      const first = !page.maxId && !page.sinceId && !page.minId && page.limit <= HEAD;
      if (
        cache !== noCache &&
        first &&
        !filter.types?.length &&
        !filter.excludeTypes?.length &&
        !filter.fromAccountId
      )
        return firstPage(accountId, page.limit);
      let query = select(accountId);
      if (filter.fromAccountId)
        query = query.where('notifications.from_account_id', '=', filter.fromAccountId);
      if (filter.types?.length) query = query.where('notifications.type', 'in', filter.types);
      if (filter.excludeTypes?.length)
        query = query.where('notifications.type', 'not in', filter.excludeTypes);
      return withStatuses(accountId, await fetchPage(query, 'notifications.id', page));
    },
    async findById(accountId, id) {
      const row = await select(accountId).where('notifications.id', '=', id).executeTakeFirst();
      return row ? ((await withStatuses(accountId, [row]))[0] ?? null) : null;
    },
    async dismiss(accountId, id) {
      const r = await db
        .deleteFrom('notifications')
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .executeTakeFirst();
      return r.numDeletedRows > 0n;
    },
    async clear(accountId) {
      const r = await db.deleteFrom('notifications').where('account_id', '=', accountId).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
    async markRead(accountId, upToId) {
      let q = db
        .updateTable('notifications')
        .set({ read_at: new Date() })
        .where('account_id', '=', accountId)
        .where('read_at', 'is', null);
      if (upToId) q = q.where('id', '<=', upToId);
      const r = await q.executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
    async setReadPosition(accountId, lastReadId) {
      // Read up to the marker, unread after it; rows already right are not rewritten.
      await sql`
        UPDATE notifications
        SET read_at = CASE WHEN id <= ${lastReadId}::bigint THEN now() ELSE NULL END
        WHERE account_id = ${accountId}
          AND ((id <= ${lastReadId}::bigint AND read_at IS NULL) OR (id > ${lastReadId}::bigint AND read_at IS NOT NULL))`.execute(
        db,
      );
    },
    async unreadCount(accountId) {
      const row = await db
        .selectFrom('notifications')
        .innerJoin('accounts', 'accounts.id', 'notifications.from_account_id')
        .where('notifications.account_id', '=', accountId)
        .where('notifications.read_at', 'is', null)
        .where('accounts.suspended_at', 'is', null)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async mentionRead(statusId, accountId) {
      const { rows } = await sql<{ read: boolean }>`
        SELECT EXISTS (
          SELECT 1 FROM notifications
          WHERE account_id = ${accountId} AND status_id = ${statusId} AND type = 'mention' AND read_at IS NOT NULL
        ) AS read`.execute(db);
      return rows[0]?.read ?? false;
    },
  };
}
