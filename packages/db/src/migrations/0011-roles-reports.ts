import { sql, type Kysely } from 'kysely';

// Roles and reports (docs/moderation.md). An account's role is a column of accounts, so a change
// is announced by the accounts trigger of migration 0008 (a:<id>) and every process's cached
// account shows it at once. A report is one row: who reported whom, why, the statuses attached
// (their ids, kept when a status is deleted so the resolved report still says what it was about),
// and, once resolved, who resolved it, when and how.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE accounts ADD COLUMN role text NOT NULL DEFAULT 'user'
      CONSTRAINT accounts_role_known CHECK (role IN ('user', 'moderator', 'admin'));

    CREATE TABLE reports (
      id bigint PRIMARY KEY DEFAULT next_id(),
      -- the reporter; a report outlives a reporter who deletes their account
      account_id bigint REFERENCES accounts ON DELETE SET NULL,
      target_account_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
      category text NOT NULL CHECK (category IN ('spam', 'legal', 'violation', 'other')),
      comment text NOT NULL DEFAULT '',
      status_ids bigint[] NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      resolved_at timestamptz,
      resolved_by_account_id bigint REFERENCES accounts ON DELETE SET NULL,
      resolution text CHECK (resolution IN ('dismissed', 'statuses_deleted', 'suspended')),
      CONSTRAINT reports_resolved_with_resolution CHECK ((resolved_at IS NULL) = (resolution IS NULL)),
      CONSTRAINT reports_not_self CHECK (account_id <> target_account_id)
    );
    -- the moderation page: open reports newest first, resolved ones newest first
    CREATE INDEX reports_open ON reports (id DESC) WHERE resolved_at IS NULL;
    CREATE INDEX reports_resolved ON reports (id DESC) WHERE resolved_at IS NOT NULL;
    -- a suspension resolves the open reports about the account; the foreign keys' deletes find their rows
    CREATE INDEX reports_target_account_id ON reports (target_account_id);
    CREATE INDEX reports_account_id ON reports (account_id);
    CREATE INDEX reports_resolved_by_account_id ON reports (resolved_by_account_id);
  `.execute(db);
}
