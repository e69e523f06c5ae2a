import { sql } from 'kysely';
import type { Hashtag, PublicAccount, SearchRepository, TagRepository } from '@microposts/core';
import type { Db } from '../connection.ts';
import { accountColumns, toAccount } from './account-repository.ts';
import { fetchPage } from './pagination.ts';
import { selectStatuses, toStatus } from './status-repository.ts';

/** Escapes LIKE's wildcards so user text only ever matches itself. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Hashtags: the tags table and the status_tags links behind tag timelines. */
export function tagRepository(db: Db): TagRepository {
  return {
    async setForStatus(statusId, names) {
      let tagIds: string[] = [];
      if (names.length > 0) {
        await db
          .insertInto('tags')
          .values(names.map((name) => ({ name })))
          .onConflict((oc) => oc.column('name').doNothing())
          .execute();
        const rows = await db.selectFrom('tags').select('id').where('name', 'in', names).execute();
        tagIds = rows.map((r) => r.id);
      }
      let detach = db.deleteFrom('status_tags').where('status_id', '=', statusId);
      if (tagIds.length > 0) detach = detach.where('tag_id', 'not in', tagIds);
      await detach.execute();
      if (tagIds.length > 0) {
        await db
          .insertInto('status_tags')
          .values(tagIds.map((tagId) => ({ status_id: statusId, tag_id: tagId })))
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    },
    async findByName(name) {
      const row = await db
        .selectFrom('tags')
        .select(['id', 'name'])
        .where('name', '=', name)
        .executeTakeFirst();
      return row ?? null;
    },
    async timeline(tagId, page, viewerId) {
      // Paginating on status_tags.status_id lets PostgreSQL walk status_tags_tag_id_status_id newest first.
      const query = selectStatuses(db, viewerId)
        .innerJoin('status_tags', 'status_tags.status_id', 'statuses.id')
        .where('status_tags.tag_id', '=', tagId)
        .where('statuses.visibility', '=', 'public');
      return (await fetchPage(query, 'status_tags.status_id', page)).map(toStatus);
    },
  };
}

/** Search: account and tag prefixes through expression indexes, statuses through the GIN tsvector index. */
export function searchRepository(db: Db): SearchRepository {
  return {
    async accounts(term, page, options = {}): Promise<PublicAccount[]> {
      const lower = term.toLowerCase();
      const prefix = `${escapeLike(lower)}%`;
      const rows = await db
        .selectFrom('accounts')
        .select(accountColumns)
        .where('suspended_at', 'is', null)
        .where((eb) =>
          options.usernameOnly
            ? eb(sql`lower(username)`, 'like', prefix)
            : eb.or([
                eb(sql`lower(username)`, 'like', prefix),
                eb(sql`lower(display_name)`, 'like', prefix),
                // a later word of the display name: "smith" finds "Jane Smith"
                eb(sql`lower(display_name)`, 'like', `% ${prefix}`),
              ]),
        )
        .orderBy(sql`lower(username) = ${lower}`, 'desc')
        .orderBy(sql`lower(username) like ${prefix}`, 'desc')
        .orderBy(sql`length(username)`)
        .orderBy('id')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
      return rows.map((r) => {
        const { id, username, displayName, bio, bioHtml, createdAt } = toAccount(r);
        return { id, username, displayName, bio, bioHtml, createdAt };
      });
    },
    async hashtags(prefix, page): Promise<Hashtag[]> {
      return db
        .selectFrom('tags')
        .select(['id', 'name'])
        .where('name', 'like', `${escapeLike(prefix)}%`)
        .orderBy(sql`name = ${prefix}`, 'desc')
        .orderBy(sql`length(name)`)
        .orderBy('name')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
    },
    async statuses(query, page, viewerId) {
      const tsquery = sql`websearch_to_tsquery('english'::regconfig, ${query})`;
      const rank = sql<number>`ts_rank(statuses.search_vector, ${tsquery})`;
      // Rank ids first, then build the 20 full statuses: their counts and mentions are computed for
      // the page only, not for every match.
      const ranked = db
        .selectFrom('statuses')
        .innerJoin('accounts', 'accounts.id', 'statuses.account_id')
        .where('accounts.suspended_at', 'is', null)
        .where(sql<boolean>`statuses.search_vector @@ ${tsquery}`)
        .where((eb) =>
          viewerId
            ? eb.or([eb('statuses.visibility', '=', 'public'), eb('statuses.account_id', '=', viewerId)])
            : eb('statuses.visibility', '=', 'public'),
        )
        .select(['statuses.id as id', rank.as('rank')])
        .orderBy('rank', 'desc')
        .orderBy('statuses.id', 'desc')
        .limit(page.limit)
        .offset(page.offset);
      const rows = await selectStatuses(db, viewerId)
        .innerJoin(ranked.as('ranked'), 'ranked.id', 'statuses.id')
        .orderBy('ranked.rank', 'desc')
        .orderBy('statuses.id', 'desc')
        .execute();
      return rows.map(toStatus);
    },
  };
}
