import { sql, type Kysely } from 'kysely';

// Single-use tokens sent by e-mail (address confirmation, password reset). Only a SHA-256 of the
// token is stored; the token itself is an HMAC of the row id under SECRET_KEY, so the job that
// sends it carries only the id and a resend after a crash carries the same link.
// The job queue itself is graphile-worker's schema, installed by migrate() after these files.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE account_tokens (
      id text PRIMARY KEY,
      account_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
      purpose text NOT NULL CHECK (purpose IN ('confirm_email', 'password_reset')),
      token_hash text NOT NULL,
      email text NOT NULL,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX account_tokens_token_hash_key ON account_tokens (token_hash);
    CREATE INDEX account_tokens_account_id ON account_tokens (account_id, purpose);
    CREATE INDEX account_tokens_expires_at ON account_tokens (expires_at);
  `.execute(db);
}
