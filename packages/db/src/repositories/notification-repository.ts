import { sql } from 'kysely';
import {
  hidesNotificationsFrom,
  type Notification,
  type NotificationRepository,
  type ViewerRelations,
} from '@microposts/core';
import type { Db } from '../connection.ts';
import { publicAccountColumns, toPublicAccount } from './account-repository.ts';
import { fetchPage } from './pagination.ts';
import type { StatusReader } from './status-select.ts';
import { noCache, type ReadCache } from '../cache/read-cache.ts';
import { viewerRelations } from './viewer-relations.ts';
import { mentionEmailFacts } from './mention-email-facts.ts';
import { notificationAllowed } from './visibility-sql.ts';

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

/** The earliest end of a mute in force that hides notifications (after it the count is another). */
function nextMuteEnd(relations: ViewerRelations, now: number): number {
  let end = Infinity;
  for (const m of relations.muting.values())
    if (m.notifications && m.expiresAt && m.expiresAt.getTime() > now)
      end = Math.min(end, m.expiresAt.getTime());
  return end;
}

/**
 * In-app notifications in PostgreSQL; the unique index notifications_once makes every write
 * idempotent. None is written to, or shown to, an account that blocks or is blocked by its actor or
 * mutes the actor with notifications (rules/visibility-rules.ts hidesNotificationsFrom).
 */
export function notificationRepository(
  db: Db,
  reader: StatusReader,
  cache: ReadCache = noCache,
): NotificationRepository {
  // The newest page of an account's notifications (cached under n:<account>|first, dropped with any
  // change to them); its accounts and statuses come from their own cache entries, so they are as
  // fresh as everywhere else. What the account's relations hide (blocks, mutes with notifications)
  // is dropped when the page is read, so a mute that runs out needs no announcement; null when
  // something was dropped from a page that needs it whole (then the page is found by a query).
  const firstPage = async (accountId: string, limit: number): Promise<Notification[] | null> => {
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
    const [accounts, statuses, relations] = await Promise.all([
      reader.accounts([...new Set(page.map((n) => n.fromAccountId))]),
      reader.load([...new Set(page.flatMap((n) => (n.statusId ? [n.statusId] : [])))], accountId),
      viewerRelations(db, cache, accountId),
    ]);
    const byId = new Map(statuses.map((s) => [s.id, s]));
    const now = new Date();
    const shown = page.flatMap((n) => {
      const account = accounts.get(n.fromAccountId);
      const status = n.statusId ? byId.get(n.statusId) : null;
      if (!account || (n.statusId && !status) || hidesNotificationsFrom(relations, n.fromAccountId, now))
        return [];
      const { fromAccountId: _, statusId: __, ...rest } = n;
      return [{ ...rest, account, status: status ?? null }];
    });
    return shown.length === page.length ? shown : null;
  };

  const select = (accountId: string) =>
    db
      .selectFrom('notifications')
      .innerJoin('accounts', 'accounts.id', 'notifications.from_account_id')
      .innerJoin('account_stats', 'account_stats.account_id', 'accounts.id')
      .where('notifications.account_id', '=', accountId)
      .where('accounts.suspended_at', 'is', null)
      .where(notificationAllowed('notifications.account_id', 'notifications.from_account_id'))
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
  // a notification whose status is hidden (its author suspended, or the recipient may no longer see
  // it) is left out.
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

  // The unread count behind the header badge, with what the account's relations hide left out.
  const countUnread = async (accountId: string) => {
    const row = await db
      .selectFrom('notifications')
      .innerJoin('accounts', 'accounts.id', 'notifications.from_account_id')
      .where('notifications.account_id', '=', accountId)
      .where('notifications.read_at', 'is', null)
      .where('accounts.suspended_at', 'is', null)
      .where(notificationAllowed('notifications.account_id', 'notifications.from_account_id'))
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };

  return {
    async create(notifications) {
      if (notifications.length === 0) return [];
      const column = <K extends keyof (typeof notifications)[number]>(k: K) => notifications.map((n) => n[k]);
      const { rows } = await sql<{ account_id: string }>`
        INSERT INTO notifications (account_id, from_account_id, type, status_id)
        SELECT n.account_id, n.from_account_id, n.type, n.status_id
        FROM unnest(${column('accountId')}::bigint[], ${column('fromAccountId')}::bigint[],
                    ${column('type')}::text[], ${column('statusId')}::bigint[])
          AS n(account_id, from_account_id, type, status_id)
        WHERE ${notificationAllowed('n.account_id', 'n.from_account_id')}
        ON CONFLICT DO NOTHING
        RETURNING account_id::text`.execute(db);
      return rows.map((r) => r.account_id);
    },
    async deleteFrom(accountId, fromAccountId) {
      await db
        .deleteFrom('notifications')
        .where('account_id', '=', accountId)
        .where('from_account_id', '=', fromAccountId)
        .execute();
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
      ) {
        const cached = await firstPage(accountId, page.limit);
        if (cached) return cached;
      }
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
      if (cache === noCache) return countUnread(accountId);
      // Cached under n:<account> (announced with any change to its notifications, blocks or mutes)
      // until the first mute that hides notifications runs out: then the count is another.
      const entry = await cache.get(
        `n:${accountId}`,
        async () => {
          const relations = await viewerRelations(db, cache, accountId);
          return { count: await countUnread(accountId), until: nextMuteEnd(relations, Date.now()) };
        },
        (e) => e.until > Date.now(),
      );
      return entry.count;
    },
    mentionEmailFacts: (statusId, accountId) => mentionEmailFacts(db, statusId, accountId),
  };
}
