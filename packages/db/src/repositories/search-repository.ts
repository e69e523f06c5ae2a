import { sql } from 'kysely';
import type { SearchRepository } from '@microposts/core';
import type { Db } from '../connection.ts';
import { accountsWithStats, publicAccountColumns, toPublicAccount } from './account-repository.ts';
import { favouritedBy, type StatusReader } from './status-select.ts';
import { notBlocked, notMuted } from './visibility-sql.ts';

/** Escapes LIKE's wildcards so user text only ever matches itself. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Search: account prefixes through expression indexes, statuses through the GIN tsvector index. */
export function searchRepository(db: Db, reader: StatusReader): SearchRepository {
  return {
    async accounts(term, page, options = {}) {
      const lower = term.toLowerCase();
      const prefix = `${escapeLike(lower)}%`;
      const rows = await accountsWithStats(db)
        .select(publicAccountColumns)
        .where('accounts.suspended_at', 'is', null)
        .where(notBlocked(options.viewerId, 'accounts.id'))
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
        .orderBy('accounts.id')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
      return rows.map(toPublicAccount);
    },
    async statuses(query, page, viewerId) {
      const tsquery = sql`websearch_to_tsquery('english'::regconfig, ${query})`;
      const rank = sql<number>`ts_rank(statuses.search_vector, ${tsquery})`;
      // Rank ids first, then build the 20 full statuses (through the reader): their cards are read
      // for the page only, not for every match. What is searched: public statuses, and for a viewer
      // also its own and those that mention it (as Mastodon searches what one took part in), never
      // an author blocked either way or muted.
      const ranked = await db
        .selectFrom('statuses')
        .innerJoin('accounts', 'accounts.id', 'statuses.account_id')
        .where('accounts.suspended_at', 'is', null)
        .where(sql<boolean>`statuses.search_vector @@ ${tsquery}`)
        .where((eb) =>
          viewerId
            ? eb.or([
                eb('statuses.visibility', '=', 'public'),
                eb('statuses.account_id', '=', viewerId),
                eb.exists(
                  eb
                    .selectFrom('mentions')
                    .whereRef('mentions.status_id', '=', 'statuses.id')
                    .where('mentions.account_id', '=', viewerId)
                    .select(sql`1`.as('one')),
                ),
              ])
            : eb('statuses.visibility', '=', 'public'),
        )
        .where(notBlocked(viewerId, 'statuses.account_id'))
        .where(notMuted(viewerId, 'statuses.account_id'))
        .select(['statuses.id', favouritedBy(viewerId).as('favourited')])
        .orderBy(rank, 'desc')
        .orderBy('statuses.id', 'desc')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
      return reader.load(ranked, viewerId, { hideMuted: true });
    },
  };
}
