import { sql, type Kysely } from 'kysely';

// Idempotency-Key of POST /api/v1/statuses: one row per (account, key), written in the transaction
// that writes the status, so a retried request finds the first status instead of posting twice.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE idempotency_keys (
      account_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
      key text NOT NULL,
      status_id bigint REFERENCES statuses ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (account_id, key)
    );
    CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
  `.execute(db);
}
