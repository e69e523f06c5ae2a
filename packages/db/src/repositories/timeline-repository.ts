import { sql } from 'kysely';
import type { TimelineRepository } from '@microposts/core';
import type { Db } from '../connection.ts';
import { homeTimeline } from './home-timeline.ts';
import { fetchPage } from './pagination.ts';
import { loadStatuses, selectStatuses, toStatus } from './status-select.ts';

/** Many statuses at once, as the viewer sees them: public, account, home and tag timelines, threads. */
export function timelineRepository(db: Db): TimelineRepository {
  return {
    async public(page, viewerId) {
      const query = selectStatuses(db, viewerId).where('statuses.visibility', '=', 'public');
      return (await fetchPage(query, 'statuses.id', page)).map(toStatus);
    },
    async account(accountId, page, viewerId, filter = {}) {
      let query = selectStatuses(db, viewerId).where('statuses.account_id', '=', accountId);
      // Replies to others are left out; a thread the account continues itself stays (Mastodon's rule).
      if (filter.excludeReplies)
        query = query.where((eb) =>
          eb.or([
            eb('statuses.in_reply_to_id', 'is', null),
            eb('statuses.in_reply_to_account_id', '=', accountId),
          ]),
        );
      if (filter.tagged)
        query = query.where((eb) =>
          eb.exists(
            eb
              .selectFrom('status_tags')
              .innerJoin('tags', 'tags.id', 'status_tags.tag_id')
              .whereRef('status_tags.status_id', '=', 'statuses.id')
              .where('tags.name', '=', filter.tagged!)
              .select(sql`1`.as('one')),
          ),
        );
      return (await fetchPage(query, 'statuses.id', page)).map(toStatus);
    },
    home: (accountId, page) => homeTimeline(db, accountId, page),
    async tag(tagId, page, viewerId) {
      // Paginating on status_tags.status_id lets PostgreSQL walk status_tags_tag_id_status_id newest first.
      const query = selectStatuses(db, viewerId)
        .innerJoin('status_tags', 'status_tags.status_id', 'statuses.id')
        .where('status_tags.tag_id', '=', tagId)
        .where('statuses.visibility', '=', 'public');
      return (await fetchPage(query, 'status_tags.status_id', page)).map(toStatus);
    },
    async ancestors(statusId, viewerId, limit) {
      // Walks in_reply_to_id up (statuses_pkey); statuses of suspended authors are left out, the
      // rest of the chain still shows.
      const { rows } = await sql<{ id: string }>`
        WITH RECURSIVE up(id, parent, depth) AS (
          SELECT id, in_reply_to_id, 0 FROM statuses WHERE id = ${statusId}
          UNION ALL
          SELECT s.id, s.in_reply_to_id, up.depth + 1
          FROM statuses s JOIN up ON s.id = up.parent
          WHERE up.depth < ${limit}
        )
        SELECT id FROM up WHERE depth > 0 ORDER BY depth DESC`.execute(db);
      return loadStatuses(
        db,
        rows.map((r) => r.id),
        viewerId,
      );
    },
    async descendants(statusId, viewerId, limit) {
      // Ids grow with time, so ordering by the path of ids is depth-first with each level oldest first.
      const { rows } = await sql<{ id: string; depth: number }>`
        WITH RECURSIVE down(id, path, depth) AS (
          SELECT id, ARRAY[id], 1 FROM statuses WHERE in_reply_to_id = ${statusId}
          UNION ALL
          SELECT s.id, down.path || s.id, down.depth + 1
          FROM statuses s JOIN down ON s.in_reply_to_id = down.id
          WHERE down.depth < 100
        )
        SELECT id, depth FROM down ORDER BY path LIMIT ${limit}`.execute(db);
      const depth = new Map(rows.map((r) => [r.id, r.depth]));
      const found = await loadStatuses(
        db,
        rows.map((r) => r.id),
        viewerId,
      );
      return found.map((status) => ({ status, depth: depth.get(status.id)! }));
    },
  };
}
