import { sql } from 'kysely';
import type { TagDay, TagRepository } from '@microposts/core';
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
    async ensure(name) {
      const made = await db
        .insertInto('tags')
        .values({ name })
        .onConflict((oc) => oc.column('name').doNothing())
        .returning(['id', 'name'])
        .executeTakeFirst();
      return (
        made ??
        (await db
          .selectFrom('tags')
          .select(['id', 'name'])
          .where('name', '=', name)
          .executeTakeFirstOrThrow())
      );
    },
    async history(tagIds, days, today) {
      const DAY = 86_400_000;
      const first = Math.floor(today.getTime() / DAY) * DAY - (days - 1) * DAY;
      // Ids begin with their millisecond (next_id()), so the week is a range of the (tag_id,
      // status_id) index; only statuses anyone may see in a listing count (as Mastodon counts
      // distributable ones), by accounts that are not suspended.
      const { rows } = await sql<{ tag_id: string; day: string; uses: string; accounts: string }>`
        SELECT st.tag_id::text AS tag_id,
               extract(epoch FROM date_trunc('day', s.created_at AT TIME ZONE 'UTC'))::bigint AS day,
               count(*) AS uses, count(DISTINCT s.account_id) AS accounts
        FROM status_tags st
        JOIN statuses s ON s.id = st.status_id
        JOIN accounts a ON a.id = s.account_id AND a.suspended_at IS NULL
        WHERE st.tag_id = ANY (${tagIds}::bigint[])
          AND st.status_id >= (${first}::bigint << 16)
          AND s.created_at >= ${new Date(first)}
          AND s.visibility IN ('public', 'unlisted')
        GROUP BY 1, 2`.execute(db);
      const counts = new Map(rows.map((r) => [`${r.tag_id}|${Number(r.day) * 1000}`, r]));
      return new Map(
        tagIds.map((id) => [
          id,
          Array.from({ length: days }, (_, i): TagDay => {
            const day = first + (days - 1 - i) * DAY;
            const row = counts.get(`${id}|${day}`);
            return { day: new Date(day), uses: Number(row?.uses ?? 0), accounts: Number(row?.accounts ?? 0) };
          }),
        ]),
      );
    },
  };
}
