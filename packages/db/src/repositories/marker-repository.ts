import { sql } from 'kysely';
import type { Marker, MarkerRepository } from '@microposts/core';
import type { Db } from '../connection.ts';

const columns = ['timeline', 'last_read_id', 'version', 'updated_at'] as const;

function toMarker(row: {
  timeline: Marker['timeline'];
  last_read_id: string;
  version: number;
  updated_at: Date;
}): Marker {
  return {
    timeline: row.timeline,
    lastReadId: row.last_read_id,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

/** Reading positions; the trigger of migration 0012 announces a notifications marker's moves. */
export function markerRepository(db: Db): MarkerRepository {
  return {
    async list(accountId, timelines) {
      const rows = await db
        .selectFrom('markers')
        .select(columns)
        .where('account_id', '=', accountId)
        .where('timeline', 'in', [...timelines])
        .execute();
      return rows.map(toMarker);
    },
    async set(accountId, timeline, lastReadId) {
      // Written only when it moves (as Rails saves only a change): the same position twice keeps
      // its version and time.
      const written = await db
        .insertInto('markers')
        .values({ account_id: accountId, timeline, last_read_id: lastReadId })
        .onConflict((oc) =>
          oc
            .columns(['account_id', 'timeline'])
            .doUpdateSet({
              last_read_id: lastReadId,
              version: sql<number>`markers.version + 1`,
              updated_at: sql<Date>`now()`,
            })
            .where('markers.last_read_id', '<>', lastReadId),
        )
        .returning(columns)
        .executeTakeFirst();
      if (written) return toMarker(written);
      const row = await db
        .selectFrom('markers')
        .select(columns)
        .where('account_id', '=', accountId)
        .where('timeline', '=', timeline)
        .executeTakeFirstOrThrow();
      return toMarker(row);
    },
    async advance(accountId, timeline, lastReadId) {
      await db
        .insertInto('markers')
        .values({ account_id: accountId, timeline, last_read_id: lastReadId })
        .onConflict((oc) =>
          oc
            .columns(['account_id', 'timeline'])
            .doUpdateSet({
              last_read_id: lastReadId,
              version: sql<number>`markers.version + 1`,
              updated_at: sql<Date>`now()`,
            })
            .where('markers.last_read_id', '<', lastReadId),
        )
        .execute();
    },
  };
}
