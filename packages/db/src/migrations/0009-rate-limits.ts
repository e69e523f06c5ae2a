import { sql, type Kysely } from 'kysely';

// Rate-limit counters shared by every web process (issue 10, item 8): one row per key, counting
// hits in a window that starts with the key's first hit. UNLOGGED: counters are written often and
// worth nothing after a crash (PostgreSQL empties the table then, which only resets the limits),
// so they skip the write-ahead log. Housekeeping deletes the rows of ended windows.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE UNLOGGED TABLE rate_limits (
      key text PRIMARY KEY,
      count integer NOT NULL,
      reset_at timestamptz NOT NULL
    );
    CREATE INDEX rate_limits_reset_at ON rate_limits (reset_at);
  `.execute(db);
}
