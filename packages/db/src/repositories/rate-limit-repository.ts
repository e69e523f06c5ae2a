import { sql } from 'kysely';
import type { RateLimitRepository } from '@microposts/core';
import type { Db } from '../connection.ts';

type Entry = { key: string; hits: number; windowMs: number };

// One key (an exact limit's hit, on every post or log-in) as scalars: a prepared statement over
// arrays is planned again on every run (PostgreSQL's generic plan cannot know their length), one
// over scalars once.
const oneEntry = (e: Entry) =>
  sql`(VALUES (${e.key}::text, ${Math.trunc(e.hits)}::int, ${Math.trunc(e.windowMs)}::bigint, 1))
    AS t(key, hits, window_ms, n)`;

const manyEntries = (sorted: Entry[]) =>
  sql`unnest(
    ${sorted.map((e) => e.key)}::text[],
    ${sorted.map((e) => Math.trunc(e.hits))}::int[],
    ${sorted.map((e) => Math.trunc(e.windowMs))}::bigint[]
  ) WITH ORDINALITY AS t(key, hits, window_ms, n)`;

/**
 * Rate-limit counters (the rate_limits table). One upsert adds the hits of many keys and returns
 * their counts; a key whose window has ended starts a new one. Keys are sorted, so two processes
 * adding to the same keys lock them in the same order and cannot deadlock.
 */
export function rateLimitRepository(db: Db): RateLimitRepository {
  return {
    async add(entries) {
      if (entries.length === 0) return [];
      const sorted = [...entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      const { rows } = await sql<{ key: string; count: number; reset_at: Date }>`
        INSERT INTO rate_limits AS r (key, count, reset_at)
        SELECT key, hits, now() + window_ms * interval '1 millisecond'
        FROM ${entries.length === 1 ? oneEntry(sorted[0]!) : manyEntries(sorted)}
        -- hits given back to a key that is gone (its window ended and was purged) are dropped
        WHERE hits > 0 OR EXISTS (SELECT 1 FROM rate_limits WHERE rate_limits.key = t.key)
        ORDER BY n
        ON CONFLICT (key) DO UPDATE SET
          count = CASE WHEN r.reset_at <= now() THEN greatest(excluded.count, 0)
                       ELSE greatest(r.count + excluded.count, 0) END,
          reset_at = CASE WHEN r.reset_at <= now() THEN excluded.reset_at ELSE r.reset_at END
        RETURNING key, count, reset_at
      `.execute(db);
      return rows.map((row) => ({ key: row.key, count: row.count, resetAt: row.reset_at }));
    },
    async purgeExpired(now) {
      const r = await db.deleteFrom('rate_limits').where('reset_at', '<', now).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
