import { sql, type Kysely } from 'kysely';

// Follows, favourites and in-app notifications (docs/product.md §3). Each index below serves one query shape,
// named in the comment above it; docs/performance.md has the EXPLAIN ANALYZE behind the home timeline.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE follows (
      id bigint PRIMARY KEY DEFAULT next_id(),
      account_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
      target_account_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT follows_not_self CHECK (account_id <> target_account_id)
    );
    -- one row per pair; also "whom does X follow" for the home timeline (index-only scan)
    CREATE UNIQUE INDEX follows_account_id_target_account_id ON follows (account_id, target_account_id);
    -- following list of X, paginated by the relation id
    CREATE INDEX follows_account_id_id ON follows (account_id, id DESC) INCLUDE (target_account_id);
    -- followers list of X, paginated by the relation id; also "is X followed by Y"
    CREATE INDEX follows_target_account_id_id ON follows (target_account_id, id DESC) INCLUDE (account_id);

    CREATE TABLE favourites (
      id bigint PRIMARY KEY DEFAULT next_id(),
      account_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
      status_id bigint NOT NULL REFERENCES statuses ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    -- one per (account, status); also "did the viewer favourite this status"
    CREATE UNIQUE INDEX favourites_account_id_status_id ON favourites (account_id, status_id);
    -- a viewer's favourites, paginated by favourite id
    CREATE INDEX favourites_account_id_id ON favourites (account_id, id DESC) INCLUDE (status_id);
    -- favourite counts and favourited_by, paginated by favourite id
    CREATE INDEX favourites_status_id_id ON favourites (status_id, id DESC) INCLUDE (account_id);

    CREATE TABLE notifications (
      id bigint PRIMARY KEY DEFAULT next_id(),
      account_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
      from_account_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
      type text NOT NULL CHECK (type IN ('mention', 'follow', 'favourite')),
      status_id bigint REFERENCES statuses ON DELETE CASCADE,
      read_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT notifications_status_needed CHECK ((type = 'follow') = (status_id IS NULL))
    );
    -- at most one per (recipient, status, type) and actor: a retry or a double click adds nothing,
    -- while two people favouriting one status are two notifications; follows (no status) one per follower
    CREATE UNIQUE INDEX notifications_once
      ON notifications (account_id, type, status_id, from_account_id) NULLS NOT DISTINCT;
    -- the notifications page and API list, newest first
    CREATE INDEX notifications_account_id_id ON notifications (account_id, id DESC);
    -- the unread badge in the header: a count over a small partial index
    CREATE INDEX notifications_unread ON notifications (account_id) WHERE read_at IS NULL;
    -- cascades from a deleted status, and the mention e-mail check "was it read"
    CREATE INDEX notifications_status_id ON notifications (status_id) WHERE status_id IS NOT NULL;
    CREATE INDEX notifications_from_account_id ON notifications (from_account_id);
  `.execute(db);
}
