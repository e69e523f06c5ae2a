// A list's timeline: the statuses of its members as the owner may see them, newest first. Lists are
// small, so one shape serves: each member's newest statuses from statuses_account_id_id, merged (as
// the home timeline's second shape). What the owner may see: public and unlisted statuses, private
// ones of those it follows (members are followed), direct ones only where they mention the owner;
// no muted or suspended members. Replies to others pass by the list's replies policy (Mastodon's
// FeedManager#filter_from_list?): a reply to oneself or to the owner always; `followed`: to someone
// the owner follows; `list`: to a member; `none`: no other.
import { sql, type RawBuilder } from 'kysely';
import type { List, PageRequest } from '@microposts/core';
import type { Db } from '../connection.ts';
import { cursor } from './home-timeline.ts';
import type { StatusRef } from './status-select.ts';
import { audienceIncludes, notMuted } from './visibility-sql.ts';

function repliesPass(list: List): RawBuilder<boolean> {
  const passes = {
    followed: sql`EXISTS (SELECT 1 FROM follows rf
      WHERE rf.account_id = ${list.accountId}::bigint AND rf.target_account_id = x.in_reply_to_account_id)`,
    list: sql`EXISTS (SELECT 1 FROM list_accounts rl
      WHERE rl.list_id = ${list.id}::bigint AND rl.account_id = x.in_reply_to_account_id)`,
    none: sql`false`,
  }[list.repliesPolicy];
  return sql<boolean>`(x.in_reply_to_account_id IS NULL OR x.in_reply_to_account_id = x.account_id
    OR x.in_reply_to_account_id = ${list.accountId}::bigint OR ${passes})`;
}

/**
 * One page of the list's timeline (or, with `only`, that status if it belongs in it). `withMuted`:
 * muted members' statuses too (for the cached newest page, which the status reader then filters, so
 * a mute that runs out needs no announcement).
 */
export async function listTimelineIds(
  db: Db,
  list: List,
  page: PageRequest,
  only?: string,
  options: { withMuted?: boolean } = {},
): Promise<StatusRef[]> {
  const ascending = !!page.minId && !page.sinceId;
  const dir = ascending ? sql`ASC` : sql`DESC`;
  const { rows } = await sql<{ id: string }>`
    SELECT s.id FROM list_accounts la
    JOIN accounts a ON a.id = la.account_id AND a.suspended_at IS NULL
    CROSS JOIN LATERAL (
      SELECT x.id FROM statuses x
      WHERE x.account_id = la.account_id AND ${cursor(sql.ref('x.id'), page)}
        ${only ? sql`AND x.id = ${only}::bigint` : sql``}
        AND ${audienceIncludes(list.accountId, 'x')} AND ${repliesPass(list)}
      ORDER BY x.id ${dir} LIMIT ${page.limit}
    ) s
    WHERE la.list_id = ${list.id}::bigint${
      options.withMuted ? sql`` : sql` AND ${notMuted(list.accountId, 'la.account_id')}`
    }
    ORDER BY s.id ${dir} LIMIT ${page.limit}`.execute(db);
  return ascending ? rows.reverse() : rows;
}
