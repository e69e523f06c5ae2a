import { sql } from 'kysely';
import type { TagRepository } from '@microposts/core';
import type { Db } from '../connection.ts';
import { escapeLike } from './search-repository.ts';

/** Hashtags (the tags table); statuses attach them through status_tags (status-repository.ts). */
export function tagRepository(db: Db): TagRepository {
  return {
    async findByName(name) {
      const row = await db
        .selectFrom('tags')
        .select(['id', 'name'])
        .where('name', '=', name)
        .executeTakeFirst();
      return row ?? null;
    },
    search: (prefix, page) =>
      db
        .selectFrom('tags')
        .select(['id', 'name'])
        .where('name', 'like', `${escapeLike(prefix)}%`)
        .orderBy(sql`name = ${prefix}`, 'desc')
        .orderBy(sql`length(name)`)
        .orderBy('name')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
  };
}
