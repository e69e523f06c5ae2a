import { sql, type Kysely } from 'kysely';

// Daily statistics (docs/product.md §3): one row per UTC day, computed by the daily-stats task or the CLI
// backfill. Counts are of rows that still exist when the day is computed (a status deleted later
// is gone; a recompute then gives the smaller number).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE daily_stats (
      day date PRIMARY KEY,
      new_accounts integer NOT NULL,
      active_accounts integer NOT NULL, -- accounts that posted that day
      statuses integer NOT NULL,
      replies integer NOT NULL,
      mentions integer NOT NULL,
      favourites integer NOT NULL,
      new_follows integer NOT NULL,
      top_hashtags jsonb NOT NULL DEFAULT '[]', -- [{"name": ..., "count": ...}], at most 10, most used first
      computed_at timestamptz NOT NULL DEFAULT now()
    );

    -- Computing a day reads one day of rows by created_at. Rows arrive in time order, so BRIN
    -- indexes (a few pages each, nearly free to maintain on insert) narrow that to the day's blocks
    -- where a btree on these busy tables would cost every insert. 32 pages per range (not 128)
    -- keeps the blocks read for one day close to the day's own rows.
    CREATE INDEX accounts_created_at_brin ON accounts USING brin (created_at) WITH (pages_per_range = 32);
    CREATE INDEX statuses_created_at_brin ON statuses USING brin (created_at) WITH (pages_per_range = 32);
    CREATE INDEX favourites_created_at_brin ON favourites USING brin (created_at) WITH (pages_per_range = 32);
    CREATE INDEX follows_created_at_brin ON follows USING brin (created_at) WITH (pages_per_range = 32);
  `.execute(db);
}
