// The home timeline: the account's own statuses and those of the accounts it follows, newest first.
// Two query shapes, each fast where the other is slow (measured in docs/performance.md):
//  1. window: walk the newest WINDOW statuses by primary key and keep the followed ones. Exact when it
//     fills the page (the window is a contiguous newest prefix), and fast for anyone following busy
//     accounts, however many.
//  2. per account: for each followed account take its newest `limit` statuses from
//     statuses_account_id_id and merge them. Bounded by (followed accounts × limit) index entries,
//     whatever the total number of statuses: fast for quiet follows, where the window comes up short.
// What the account may see of its authors (rules/visibility-rules.ts): everything of its own, the
// public, unlisted and private statuses of those it follows, and their direct statuses only where
// they mention it. Blocks need no clause: a block ends the follows both ways and forbids new ones.
// Muted authors are left out when asked (`excludeMuted`); the cached first page is found without
// that clause, so it needs no announcement when a mute runs out, and the reader drops them.
// Followed hashtags (tag_follows) add the public and unlisted statuses carrying them, of authors not
// blocked either way (nor muted, when asked). Members of the account's exclusive lists are left out
// (Mastodon's `exclusive`), the account's own statuses never.
import { sql, type RawBuilder } from 'kysely';
import type { PageRequest } from '@microposts/core';
import type { Db } from '../connection.ts';
import type { StatusRef } from './status-select.ts';
import { notBlocked, reblogShown } from './visibility-sql.ts';

/** How many of the newest statuses the first shape looks at before falling back to the second. */
export const HOME_WINDOW = 4000;

export interface HomeOptions {
  /** Leave out the statuses of accounts the account mutes (mutes in force now). */
  excludeMuted?: boolean;
}

// The accounts muted by accountId now, for a hashed NOT IN filter.
function muted(accountId: string): RawBuilder<unknown> {
  return sql`SELECT target_account_id FROM mutes
    WHERE account_id = ${accountId}::bigint AND (expires_at IS NULL OR expires_at > now())`;
}

// The members of the account's exclusive lists (their statuses stay out of its home), for a hashed
// NOT IN filter.
function exclusiveMembers(accountId: string): RawBuilder<unknown> {
  return sql`SELECT la.account_id FROM lists l JOIN list_accounts la ON la.list_id = l.id
    WHERE l.account_id = ${accountId}::bigint AND l.exclusive`;
}

/** The followed accounts that are not suspended (nor muted, when asked), plus the account itself. */
function authors(accountId: string, options: HomeOptions): RawBuilder<unknown> {
  return sql`SELECT ${accountId}::bigint AS aid
    UNION ALL
    SELECT f.target_account_id FROM follows f JOIN accounts a ON a.id = f.target_account_id
    WHERE f.account_id = ${accountId} AND a.suspended_at IS NULL
      AND f.target_account_id NOT IN (${exclusiveMembers(accountId)})${
        options.excludeMuted ? sql` AND f.target_account_id NOT IN (${muted(accountId)})` : sql``
      }`;
}

// A status of someone else reached through a followed hashtag: public or unlisted, its author not
// blocked either way, not in an exclusive list (nor muted, when asked).
function taggedAllowed(accountId: string, s: string, options: HomeOptions): RawBuilder<unknown> {
  const author = `${s}.account_id`;
  return sql`${sql.ref(`${s}.visibility`)} IN ('public', 'unlisted') AND ${notBlocked(accountId, author)}
    AND ${sql.ref(author)} NOT IN (${exclusiveMembers(accountId)})${
      options.excludeMuted ? sql` AND ${sql.ref(author)} NOT IN (${muted(accountId)})` : sql``
    }`;
}

// A direct status shows in the home of its author and of the accounts it mentions only.
function directAllowed(accountId: string, s: string): RawBuilder<unknown> {
  return sql`(${sql.ref(`${s}.visibility`)} <> 'direct' OR ${sql.ref(`${s}.account_id`)} = ${accountId}::bigint
    OR EXISTS (SELECT 1 FROM mentions hm WHERE hm.status_id = ${sql.ref(`${s}.id`)} AND hm.account_id = ${accountId}::bigint))`;
}

// A boost shows where its original may (visibilitySql reblogShown), and not when the account turned
// off the booster's boosts (follows.show_reblogs, Mastodon's `reblogs` on follow); its own always.
function boostAllowed(accountId: string, s: string, options: HomeOptions): RawBuilder<unknown> {
  return sql`(${sql.ref(`${s}.reblog_of_id`)} IS NULL OR (${reblogShown(accountId, { hideMuted: options.excludeMuted === true }, s)}
    AND NOT EXISTS (SELECT 1 FROM follows hr WHERE hr.account_id = ${accountId}::bigint
      AND hr.target_account_id = ${sql.ref(`${s}.account_id`)} AND NOT hr.show_reblogs)))`;
}

export function cursor(column: RawBuilder<unknown>, page: PageRequest): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`true`];
  if (page.maxId) parts.push(sql`${column} < ${page.maxId}::bigint`);
  if (page.sinceId) parts.push(sql`${column} > ${page.sinceId}::bigint`);
  if (page.minId) parts.push(sql`${column} > ${page.minId}::bigint`);
  return sql.join(parts, sql` AND `);
}

// The first shape: ids of the page from the window, newest first (fewer than `limit` when the
// window does not hold a full page).
function windowQuery(accountId: string, page: PageRequest, options: HomeOptions): RawBuilder<unknown> {
  // The lower bound is found on the primary key alone; the main scan then walks backwards from the
  // cursor, filters by a hashed set of authors (and one of the window's statuses carrying a followed
  // hashtag, read off status_tags_tag_id_status_id from the bound up) and stops as soon as the page
  // is full.
  const bound = sql`coalesce((
        SELECT id FROM statuses WHERE ${cursor(sql.ref('id'), page)}
        ORDER BY id DESC OFFSET ${HOME_WINDOW - 1} LIMIT 1), 0)`;
  return sql`
    SELECT s.id FROM statuses s JOIN accounts a ON a.id = s.account_id AND a.suspended_at IS NULL
    WHERE ${cursor(sql.ref('s.id'), page)}
      AND s.id >= ${bound}
      -- the OR keeps this a hashed filter on the backward scan rather than a join the planner reorders
      AND (s.account_id = ${accountId}::bigint
        OR (s.account_id IN (SELECT target_account_id FROM follows WHERE account_id = ${accountId})
          AND s.account_id NOT IN (${exclusiveMembers(accountId)})${
            options.excludeMuted ? sql` AND s.account_id NOT IN (${muted(accountId)})` : sql``
          })
        OR (s.id IN (SELECT st.status_id FROM tag_follows tf JOIN status_tags st ON st.tag_id = tf.tag_id
              WHERE tf.account_id = ${accountId}::bigint AND st.status_id >= ${bound}
                AND ${cursor(sql.ref('st.status_id'), page)})
          AND ${taggedAllowed(accountId, 's', options)}))
      AND ${directAllowed(accountId, 's')} AND ${boostAllowed(accountId, 's', options)}
    ORDER BY s.id DESC LIMIT ${page.limit}`;
}

// The second shape: each author's newest statuses, merged; `dir` ASC pages forward from min_id.
function perAuthorQuery(
  accountId: string,
  page: PageRequest,
  dir: RawBuilder<unknown>,
  options: HomeOptions,
): RawBuilder<unknown> {
  // Each followed hashtag's newest statuses likewise, from status_tags_tag_id_status_id; a status
  // reached both ways counts once.
  return sql`
    SELECT DISTINCT id FROM (
      SELECT s.id FROM (${authors(accountId, options)}) f
      CROSS JOIN LATERAL (
        SELECT id FROM statuses x
        WHERE x.account_id = f.aid AND ${cursor(sql.ref('x.id'), page)} AND ${directAllowed(accountId, 'x')}
          AND ${boostAllowed(accountId, 'x', options)}
        ORDER BY x.id ${dir} LIMIT ${page.limit}
      ) s
      UNION ALL
      SELECT s.id FROM tag_follows tf
      CROSS JOIN LATERAL (
        SELECT st.status_id AS id FROM status_tags st
        JOIN statuses x ON x.id = st.status_id
        JOIN accounts xa ON xa.id = x.account_id AND xa.suspended_at IS NULL
        WHERE st.tag_id = tf.tag_id AND ${cursor(sql.ref('st.status_id'), page)}
          AND ${taggedAllowed(accountId, 'x', options)}
        ORDER BY st.status_id ${dir} LIMIT ${page.limit}
      ) s
      WHERE tf.account_id = ${accountId}::bigint
    ) u
    ORDER BY id ${dir} LIMIT ${page.limit}`;
}

/**
 * The cache keys announced when what accountId's home timeline holds changes: the statuses of
 * itself and those it follows (p:<account>) and of the hashtags it follows (g:<tag>).
 */
export async function homeSourceKeys(db: Db, accountId: string): Promise<string[]> {
  const { rows } = await sql<{ key: string }>`
    SELECT 'p:' || target_account_id AS key FROM follows WHERE account_id = ${accountId}
    UNION ALL
    SELECT 'g:' || tag_id FROM tag_follows WHERE account_id = ${accountId}::bigint`.execute(db);
  return [`p:${accountId}`, ...rows.map((r) => r.key)];
}

/**
 * One page of the home timeline of accountId, newest first, with the account's favourites: one
 * round trip. The second shape runs only when the window comes up short (PostgreSQL skips a UNION
 * branch whose one-time filter is false).
 */
export async function homeTimeline(
  db: Db,
  accountId: string,
  page: PageRequest,
  options: HomeOptions = {},
): Promise<StatusRef[]> {
  // min_id pages forward from a cursor: the oldest statuses just above it, returned newest first.
  const ascending = !!page.minId && !page.sinceId;
  const ids = ascending
    ? sql`${perAuthorQuery(accountId, page, sql`ASC`, options)}`
    : sql`
      WITH w AS MATERIALIZED (${windowQuery(accountId, page, options)})
      SELECT id FROM w WHERE (SELECT count(*) FROM w) = ${page.limit}
      UNION ALL
      SELECT id FROM (${perAuthorQuery(accountId, page, sql`DESC`, options)}) p
      WHERE (SELECT count(*) FROM w) < ${page.limit}`;
  const { rows } = await sql<{ id: string; favourited: boolean }>`
    SELECT h.id, EXISTS (
      SELECT 1 FROM favourites vf WHERE vf.status_id = h.id AND vf.account_id = ${accountId}
    ) AS favourited
    FROM (${ids}) h ORDER BY h.id DESC`.execute(db);
  return rows;
}
