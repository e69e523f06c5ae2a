import { sql } from 'kysely';
import type { AccountCounts, FollowRepository } from '@microposts/core';
import type { Db } from '../connection.ts';
import { fetchPage } from './pagination.ts';
import { publicAccountColumns, toPublicAccount } from './public-account.ts';
import { homeTimeline } from './home-timeline.ts';

/** Follows in PostgreSQL; lists page by the follow row's id, as Mastodon's Link headers do. */
export function followRepository(db: Db): FollowRepository {
  return {
    async create(accountId, targetAccountId) {
      const row = await db
        .insertInto('follows')
        .values({ account_id: accountId, target_account_id: targetAccountId })
        .onConflict((oc) => oc.columns(['account_id', 'target_account_id']).doNothing())
        .returning('id')
        .executeTakeFirst();
      return { created: !!row };
    },
    async delete(accountId, targetAccountId) {
      const r = await db
        .deleteFrom('follows')
        .where('account_id', '=', accountId)
        .where('target_account_id', '=', targetAccountId)
        .executeTakeFirst();
      return r.numDeletedRows > 0n;
    },
    async following(accountId, page) {
      const query = db
        .selectFrom('follows')
        .innerJoin('accounts', 'accounts.id', 'follows.target_account_id')
        .where('follows.account_id', '=', accountId)
        .where('accounts.suspended_at', 'is', null)
        .select([...publicAccountColumns, 'follows.id as entry_id']);
      const rows = await fetchPage(query, 'follows.id', page);
      return rows.map((r) => ({ id: r.entry_id, item: toPublicAccount(r) }));
    },
    async followers(accountId, page) {
      const query = db
        .selectFrom('follows')
        .innerJoin('accounts', 'accounts.id', 'follows.account_id')
        .where('follows.target_account_id', '=', accountId)
        .where('accounts.suspended_at', 'is', null)
        .select([...publicAccountColumns, 'follows.id as entry_id']);
      const rows = await fetchPage(query, 'follows.id', page);
      return rows.map((r) => ({ id: r.entry_id, item: toPublicAccount(r) }));
    },
    async relationships(viewerId, targetIds) {
      if (targetIds.length === 0) return [];
      const rows = await db
        .selectFrom('follows')
        .select(['account_id', 'target_account_id'])
        .where((eb) =>
          eb.or([
            eb.and([eb('account_id', '=', viewerId), eb('target_account_id', 'in', targetIds)]),
            eb.and([eb('target_account_id', '=', viewerId), eb('account_id', 'in', targetIds)]),
          ]),
        )
        .execute();
      const following = new Set(
        rows.filter((r) => r.account_id === viewerId).map((r) => r.target_account_id),
      );
      const followedBy = new Set(
        rows.filter((r) => r.target_account_id === viewerId).map((r) => r.account_id),
      );
      return targetIds.map((id) => ({ id, following: following.has(id), followedBy: followedBy.has(id) }));
    },
    async counts(accountIds) {
      const result = new Map<string, AccountCounts>(
        accountIds.map((id) => [id, { statusesCount: 0, followersCount: 0, followingCount: 0 }]),
      );
      if (accountIds.length === 0) return result;
      // Three index-only counts per account (statuses_account_id_id, follows_*_id); followers and
      // followees that are suspended still count, as on Mastodon, so the numbers stay cheap.
      const { rows } = await sql<{ id: string; statuses: string; followers: string; following: string }>`
        SELECT a.id,
          (SELECT count(*) FROM statuses s WHERE s.account_id = a.id) AS statuses,
          (SELECT count(*) FROM follows f WHERE f.target_account_id = a.id) AS followers,
          (SELECT count(*) FROM follows f WHERE f.account_id = a.id) AS following
        FROM unnest(${accountIds}::bigint[]) AS a(id)`.execute(db);
      for (const r of rows) {
        result.set(String(r.id), {
          statusesCount: Number(r.statuses ?? 0),
          followersCount: Number(r.followers ?? 0),
          followingCount: Number(r.following ?? 0),
        });
      }
      return result;
    },
    homeTimeline: (accountId, page) => homeTimeline(db, accountId, page),
  };
}
