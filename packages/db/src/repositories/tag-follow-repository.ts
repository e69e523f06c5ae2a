import type { TagFollowRepository } from '@microposts/core';
import type { Db } from '../connection.ts';
import { fetchPage } from './pagination.ts';

/** Followed hashtags (tag_follows, migration 0012). */
export function tagFollowRepository(db: Db): TagFollowRepository {
  return {
    async follow(accountId, tagId) {
      await db
        .insertInto('tag_follows')
        .values({ account_id: accountId, tag_id: tagId })
        .onConflict((oc) => oc.columns(['account_id', 'tag_id']).doNothing())
        .execute();
    },
    async unfollow(accountId, tagId) {
      await db
        .deleteFrom('tag_follows')
        .where('account_id', '=', accountId)
        .where('tag_id', '=', tagId)
        .execute();
    },
    async followed(accountId, tagIds) {
      if (tagIds.length === 0) return new Set();
      const rows = await db
        .selectFrom('tag_follows')
        .select('tag_id')
        .where('account_id', '=', accountId)
        .where('tag_id', 'in', tagIds)
        .execute();
      return new Set(rows.map((r) => r.tag_id));
    },
    async list(accountId, page) {
      const query = db
        .selectFrom('tag_follows')
        .innerJoin('tags', 'tags.id', 'tag_follows.tag_id')
        .where('tag_follows.account_id', '=', accountId)
        .select(['tag_follows.id as follow_id', 'tags.id', 'tags.name']);
      const rows = await fetchPage(query, 'tag_follows.id', page);
      return rows.map((r) => ({ id: r.follow_id, item: { id: r.id, name: r.name } }));
    },
  };
}
