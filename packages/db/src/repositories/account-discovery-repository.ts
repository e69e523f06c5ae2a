import { sql } from 'kysely';
import type {
  AccountDiscoveryRepository,
  PublicAccount,
  Suggestion,
  SuggestionSource,
} from '@microposts/core';
import type { Db } from '../connection.ts';
import { accountsWithStats, publicAccountColumns, toPublicAccount } from './account-repository.ts';
import { escapeLike } from './search-repository.ts';

/** Suggestions look at the viewer's latest follows, and at the latest follows of each of those. */
const FOF_FOLLOWS = 200;
const FOF_THEIRS = 100;

/** Ways to find accounts: search, directory, suggestions, familiar followers (migration 0012). */
export function accountDiscoveryRepository(db: Db): AccountDiscoveryRepository {
  const active = () =>
    accountsWithStats(db).select(publicAccountColumns).where('accounts.suspended_at', 'is', null);

  /** Active accounts by id, in the order of the ids. */
  const byIds = async (ids: string[]): Promise<Map<string, PublicAccount>> => {
    if (ids.length === 0) return new Map();
    const rows = await active().where('accounts.id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, toPublicAccount(r)]));
  };

  return {
    async search(term, page, options = {}) {
      const lower = term.toLowerCase();
      const prefix = `${escapeLike(lower)}%`;
      let query = active().where((eb) =>
        options.usernameOnly
          ? eb(sql`lower(username)`, 'like', prefix)
          : eb.or([
              eb(sql`lower(username)`, 'like', prefix),
              eb(sql`lower(display_name)`, 'like', prefix),
              // a later word of the display name: "smith" finds "Jane Smith"
              eb(sql`lower(display_name)`, 'like', `% ${prefix}`),
            ]),
      );
      const followedBy = options.followedBy;
      if (followedBy)
        query = query.where((eb) =>
          eb.or([
            eb('accounts.id', '=', followedBy),
            eb(
              'accounts.id',
              'in',
              eb.selectFrom('follows').select('target_account_id').where('account_id', '=', followedBy),
            ),
          ]),
        );
      const rows = await query
        .orderBy(sql`lower(username) = ${lower}`, 'desc')
        .orderBy(sql`lower(username) like ${prefix}`, 'desc')
        .orderBy(sql`length(username)`)
        .orderBy('accounts.id')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
      return rows.map(toPublicAccount);
    },

    async directory(order, page) {
      const ordered =
        order === 'active'
          ? // the index account_stats_last_status_at
            active()
              .orderBy(sql`account_stats.last_status_at DESC NULLS LAST`)
              .orderBy('account_stats.account_id', 'desc')
          : active().orderBy('accounts.id', 'desc');
      const rows = await ordered.limit(page.limit).offset(page.offset).execute();
      return rows.map(toPublicAccount);
    },

    async suggestions(accountId, limit) {
      const { rows } = await sql<{ id: string; source: SuggestionSource }>`
        WITH mine AS (
          SELECT target_account_id AS id FROM follows WHERE account_id = ${accountId}
          ORDER BY follows.id DESC LIMIT ${FOF_FOLLOWS}
        ),
        excluded AS (
          SELECT ${accountId}::bigint AS id
          UNION SELECT target_account_id FROM follows WHERE account_id = ${accountId}
          UNION SELECT target_account_id FROM suggestion_dismissals WHERE account_id = ${accountId}
        ),
        fof AS (
          SELECT theirs.target_account_id AS id, count(*) AS n
          FROM mine
          CROSS JOIN LATERAL (
            SELECT target_account_id FROM follows WHERE follows.account_id = mine.id
            ORDER BY follows.id DESC LIMIT ${FOF_THEIRS}
          ) theirs
          WHERE theirs.target_account_id NOT IN (SELECT id FROM excluded)
          GROUP BY 1
          ORDER BY n DESC, id DESC
          LIMIT ${limit}
        ),
        popular AS (
          SELECT account_id AS id FROM account_stats
          WHERE last_status_at > now() - interval '30 days'
            AND account_id NOT IN (SELECT id FROM excluded)
            AND account_id NOT IN (SELECT id FROM fof)
          ORDER BY followers_count DESC, account_id DESC
          LIMIT ${limit}
        )
        SELECT id::text, 'friends_of_friends' AS source FROM (SELECT id FROM fof ORDER BY n DESC, id DESC) f
        UNION ALL
        SELECT id::text, 'most_followed' FROM popular`.execute(db);
      const accounts = await byIds(rows.map((r) => r.id));
      return rows
        .flatMap((r): Suggestion[] => {
          const account = accounts.get(r.id);
          return account ? [{ account, source: r.source }] : [];
        })
        .slice(0, limit);
    },

    async dismissSuggestion(accountId, targetAccountId) {
      await db
        .insertInto('suggestion_dismissals')
        .values({ account_id: accountId, target_account_id: targetAccountId })
        .onConflict((oc) => oc.columns(['account_id', 'target_account_id']).doNothing())
        .execute();
    },

    async familiarFollowers(viewerId, targetIds, limit) {
      const { rows } = await sql<{ target: string; follower: string }>`
        SELECT target::text, follower::text FROM (
          SELECT f.target_account_id AS target, f.account_id AS follower,
                 row_number() OVER (PARTITION BY f.target_account_id ORDER BY f.id DESC) AS nth
          FROM follows f
          JOIN follows mine ON mine.target_account_id = f.account_id AND mine.account_id = ${viewerId}
          JOIN accounts a ON a.id = f.account_id AND a.suspended_at IS NULL
          WHERE f.target_account_id = ANY (${targetIds}::bigint[])
        ) x WHERE nth <= ${limit}
        ORDER BY target, nth`.execute(db);
      const accounts = await byIds([...new Set(rows.map((r) => r.follower))]);
      const found = new Map<string, PublicAccount[]>();
      for (const r of rows) {
        const a = accounts.get(r.follower);
        if (!a) continue;
        const list = found.get(r.target) ?? [];
        list.push(a);
        found.set(r.target, list);
      }
      return found;
    },
  };
}
