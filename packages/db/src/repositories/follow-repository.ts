import { type FollowRepository } from '@microposts/core';
import type { Db } from '../connection.ts';
import { accountEntries } from './account-entries.ts';
import { accountPairWrites } from './account-pairs.ts';

/** Follows in PostgreSQL; lists page by the follow row's id, as Mastodon's Link headers do. */
export function followRepository(db: Db): FollowRepository {
  return {
    ...accountPairWrites(db, 'follows'),
    async showReblogs(accountId, targetAccountId, show) {
      await db
        .updateTable('follows')
        .set({ show_reblogs: show })
        .where('account_id', '=', accountId)
        .where('target_account_id', '=', targetAccountId)
        .execute();
    },
    following: (accountId, page, viewerId) =>
      accountEntries(
        db,
        { table: 'follows', accountColumn: 'target_account_id', key: 'account_id' },
        accountId,
        page,
        viewerId,
      ),
    followers: (accountId, page, viewerId) =>
      accountEntries(
        db,
        { table: 'follows', accountColumn: 'account_id', key: 'target_account_id' },
        accountId,
        page,
        viewerId,
      ),
    async relationships(viewerId, targetIds) {
      if (targetIds.length === 0) return [];
      const rows = await db
        .selectFrom('follows')
        .select(['account_id', 'target_account_id', 'show_reblogs'])
        .where((eb) =>
          eb.or([
            eb.and([eb('account_id', '=', viewerId), eb('target_account_id', 'in', targetIds)]),
            eb.and([eb('target_account_id', '=', viewerId), eb('account_id', 'in', targetIds)]),
          ]),
        )
        .execute();
      const following = new Map(
        rows.filter((r) => r.account_id === viewerId).map((r) => [r.target_account_id, r.show_reblogs]),
      );
      const followedBy = new Set(
        rows.filter((r) => r.target_account_id === viewerId).map((r) => r.account_id),
      );
      return targetIds.map((id) => ({
        id,
        following: following.has(id),
        followedBy: followedBy.has(id),
        showingReblogs: following.get(id) === true,
      }));
    },
  };
}
