import { sql, type Kysely } from 'kysely';

// Ids are Mastodon-style: milliseconds since the epoch shifted left 16 bits, plus a sequence,
// so they sort by creation time, fit in a bigint, and a cursor stays stable while rows arrive.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE SEQUENCE id_seq AS bigint CYCLE MAXVALUE 65535;
    CREATE FUNCTION next_id() RETURNS bigint LANGUAGE sql VOLATILE AS $$
      SELECT ((floor(extract(epoch FROM clock_timestamp()) * 1000))::bigint << 16) | nextval('id_seq')
    $$;

    CREATE TABLE accounts (
      id bigint PRIMARY KEY DEFAULT next_id(),
      username text NOT NULL,
      email text NOT NULL,
      password_hash text NOT NULL,
      display_name text NOT NULL DEFAULT '',
      bio text NOT NULL DEFAULT '',
      bio_html text NOT NULL DEFAULT '',
      email_confirmed_at timestamptz,
      mention_emails boolean NOT NULL DEFAULT true,
      suspended_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX accounts_username_key ON accounts (lower(username));
    CREATE UNIQUE INDEX accounts_email_key ON accounts (lower(email));

    CREATE TABLE statuses (
      id bigint PRIMARY KEY DEFAULT next_id(),
      account_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
      text text NOT NULL,
      html text NOT NULL,
      visibility text NOT NULL CHECK (visibility IN ('public', 'unlisted')),
      in_reply_to_id bigint REFERENCES statuses ON DELETE SET NULL,
      in_reply_to_account_id bigint REFERENCES accounts ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      edited_at timestamptz
    );
    -- profile timelines: one account's statuses, newest first
    CREATE INDEX statuses_account_id_id ON statuses (account_id, id DESC);
    -- public timeline: public statuses, newest first
    CREATE INDEX statuses_public_id ON statuses (id DESC) WHERE visibility = 'public';
    CREATE INDEX statuses_in_reply_to_id ON statuses (in_reply_to_id) WHERE in_reply_to_id IS NOT NULL;

    CREATE TABLE mentions (
      status_id bigint NOT NULL REFERENCES statuses ON DELETE CASCADE,
      account_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
      PRIMARY KEY (status_id, account_id)
    );
    CREATE INDEX mentions_account_id ON mentions (account_id, status_id DESC);

    CREATE TABLE sessions (
      id text PRIMARY KEY,
      account_id bigint REFERENCES accounts ON DELETE CASCADE,
      data jsonb NOT NULL,
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX sessions_account_id ON sessions (account_id);
    CREATE INDEX sessions_expires_at ON sessions (expires_at);
  `.execute(db);
}
