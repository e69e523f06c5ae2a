import { sql } from 'kysely';
import type { Status, ThreadRepository } from '@microposts/core';
import type { Db } from '../connection.ts';
import { selectStatuses, toStatus } from './status-repository.ts';

/** Threads: walks in_reply_to_id up and down with recursive queries (statuses_in_reply_to_id index). */
export function threadRepository(db: Db): ThreadRepository {
  const load = async (ids: string[], viewerId: string | undefined): Promise<Map<string, Status>> => {
    if (ids.length === 0) return new Map();
    const rows = await selectStatuses(db, viewerId).where('statuses.id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, toStatus(r)]));
  };
  return {
    async ancestors(statusId, viewerId, limit) {
      const { rows } = await sql<{ id: string; depth: number }>`
        WITH RECURSIVE up(id, parent, depth) AS (
          SELECT id, in_reply_to_id, 0 FROM statuses WHERE id = ${statusId}
          UNION ALL
          SELECT s.id, s.in_reply_to_id, up.depth + 1
          FROM statuses s JOIN up ON s.id = up.parent
          WHERE up.depth < ${limit}
        )
        SELECT id, depth FROM up WHERE depth > 0 ORDER BY depth DESC`.execute(db);
      const found = await load(
        rows.map((r) => r.id),
        viewerId,
      );
      // Statuses of suspended authors are left out; the rest of the chain still shows.
      return rows.flatMap((r) => found.get(r.id) ?? []);
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
      const found = await load(
        rows.map((r) => r.id),
        viewerId,
      );
      return rows.flatMap((r) => {
        const status = found.get(r.id);
        return status ? [{ status, depth: r.depth }] : [];
      });
    },
  };
}
