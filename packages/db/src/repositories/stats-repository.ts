import { sql, type Selectable } from 'kysely';
import type { DailyStats, StatsRepository, Usage } from '@microposts/core';
import type { Db } from '../connection.ts';
import type { DailyStatsTable } from '../schema.ts';

type DailyStatsRow = Selectable<DailyStatsTable>;

function toDailyStats(row: DailyStatsRow): DailyStats {
  return {
    day: row.day,
    newAccounts: row.new_accounts,
    activeAccounts: row.active_accounts,
    statuses: row.statuses,
    replies: row.replies,
    mentions: row.mentions,
    favourites: row.favourites,
    newFollows: row.new_follows,
    topHashtags: row.top_hashtags,
    computedAt: row.computed_at,
  };
}

// `day` comes back as text (to_char) so no time zone ever shifts it; counts are cast to integer.
const COLUMNS = sql`to_char(day, 'YYYY-MM-DD') AS day, new_accounts, active_accounts, statuses, replies,
  mentions, favourites, new_follows, top_hashtags, computed_at`;

async function list(db: Db, from: string, to: string): Promise<DailyStats[]> {
  const { rows } = await sql<DailyStatsRow>`
    SELECT ${COLUMNS} FROM daily_stats WHERE day BETWEEN ${from}::date AND ${to}::date ORDER BY day
  `.execute(db);
  return rows.map(toDailyStats);
}

/**
 * Statistics: daily_stats in PostgreSQL, and the live usage counters. computeDay is one statement:
 * every number is counted in SQL over the UTC day [day, day+1) and upserted; when the numbers are unchanged the row is left as it was, so a
 * re-run gives the same row, computed_at included.
 */
export function statsRepository(db: Db): StatsRepository {
  return {
    async computeDay(day) {
      const { rows } = await sql<DailyStatsRow>`
        WITH bounds AS (
          SELECT (${day}::date)::timestamp AT TIME ZONE 'UTC' AS lo,
                 (${day}::date + 1)::timestamp AT TIME ZONE 'UTC' AS hi
        ),
        day_statuses AS (
          SELECT s.id, s.account_id, s.visibility, s.in_reply_to_id, s.in_reply_to_account_id
          FROM statuses s, bounds b
          -- boosts are not posts
          WHERE s.created_at >= b.lo AND s.created_at < b.hi AND s.reblog_of_id IS NULL
        ),
        -- Top hashtags are shown publicly: only public statuses of accounts not suspended count.
        hashtags AS (
          SELECT t.name, count(*)::integer AS count
          FROM day_statuses s
          JOIN accounts a ON a.id = s.account_id AND a.suspended_at IS NULL
          JOIN status_tags st ON st.status_id = s.id
          JOIN tags t ON t.id = st.tag_id
          WHERE s.visibility = 'public'
          GROUP BY t.name
          ORDER BY count DESC, t.name
          LIMIT 10
        ),
        computed AS (
          SELECT
            ${day}::date AS day,
            (SELECT count(*) FROM accounts a, bounds b WHERE a.created_at >= b.lo AND a.created_at < b.hi)::integer
              AS new_accounts,
            (SELECT count(DISTINCT account_id) FROM day_statuses)::integer AS active_accounts,
            (SELECT count(*) FROM day_statuses)::integer AS statuses,
            (SELECT count(*) FROM day_statuses
              WHERE in_reply_to_id IS NOT NULL OR in_reply_to_account_id IS NOT NULL)::integer AS replies,
            (SELECT count(*) FROM mentions m JOIN day_statuses s ON s.id = m.status_id)::integer AS mentions,
            (SELECT count(*) FROM favourites f, bounds b WHERE f.created_at >= b.lo AND f.created_at < b.hi)::integer
              AS favourites,
            (SELECT count(*) FROM follows f, bounds b WHERE f.created_at >= b.lo AND f.created_at < b.hi)::integer
              AS new_follows,
            (SELECT coalesce(jsonb_agg(jsonb_build_object('name', name, 'count', count) ORDER BY count DESC, name),
                             '[]'::jsonb) FROM hashtags) AS top_hashtags
        ),
        upserted AS (
          INSERT INTO daily_stats AS d (day, new_accounts, active_accounts, statuses, replies, mentions,
                                        favourites, new_follows, top_hashtags, computed_at)
          SELECT *, now() FROM computed
          ON CONFLICT (day) DO UPDATE SET
            new_accounts = excluded.new_accounts, active_accounts = excluded.active_accounts,
            statuses = excluded.statuses, replies = excluded.replies, mentions = excluded.mentions,
            favourites = excluded.favourites, new_follows = excluded.new_follows,
            top_hashtags = excluded.top_hashtags, computed_at = excluded.computed_at
          WHERE (d.new_accounts, d.active_accounts, d.statuses, d.replies, d.mentions, d.favourites,
                 d.new_follows, d.top_hashtags)
            IS DISTINCT FROM
                (excluded.new_accounts, excluded.active_accounts, excluded.statuses, excluded.replies,
                 excluded.mentions, excluded.favourites, excluded.new_follows, excluded.top_hashtags)
          RETURNING ${COLUMNS}
        )
        -- Unchanged numbers update nothing (and return nothing): then the stored row is the answer.
        SELECT * FROM upserted
        UNION ALL
        SELECT ${COLUMNS} FROM daily_stats WHERE day = ${day}::date AND NOT EXISTS (SELECT 1 FROM upserted)
      `.execute(db);
      if (rows[0]) return toDailyStats(rows[0]);
      // A concurrent computation of the same new day inserted it after this statement's snapshot.
      const [row] = await list(db, day, day);
      if (!row) throw new Error(`daily_stats row for ${day} vanished`);
      return row;
    },

    list: (from, to) => list(db, from, to),
    usage: () => usage(db),
    async rebuildCounters() {
      const { rows } = await sql<{ accounts: string; statuses: string; polls: string }>`
        SELECT r.accounts, r.statuses, microposts_rebuild_poll_counters() AS polls
        FROM microposts_rebuild_counters() r`.execute(db);
      const row = rows[0]!;
      return { accounts: Number(row.accounts), statuses: Number(row.statuses), polls: Number(row.polls) };
    },
  };
}

/** Site-wide counters in one query; the statuses count uses the primary key, so it stays an index scan. */
async function usage(db: Db): Promise<Usage> {
  const { rows } = await sql<{
    users: string;
    statuses: string;
    active_month: string;
    active_halfyear: string;
  }>`
    SELECT
      (SELECT count(*) FROM accounts WHERE suspended_at IS NULL) AS users,
      (SELECT count(*) FROM statuses s JOIN accounts a ON a.id = s.account_id
        WHERE a.suspended_at IS NULL) AS statuses,
      (SELECT count(DISTINCT s.account_id) FROM statuses s JOIN accounts a ON a.id = s.account_id
        WHERE a.suspended_at IS NULL AND s.created_at > now() - interval '30 days') AS active_month,
      (SELECT count(DISTINCT s.account_id) FROM statuses s JOIN accounts a ON a.id = s.account_id
        WHERE a.suspended_at IS NULL AND s.created_at > now() - interval '180 days') AS active_halfyear
  `.execute(db);
  const r = rows[0]!;
  return {
    users: Number(r.users),
    statuses: Number(r.statuses),
    activeMonth: Number(r.active_month),
    activeHalfyear: Number(r.active_halfyear),
  };
}
