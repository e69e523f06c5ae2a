import { sql, type Kysely } from 'kysely';

// The OAuth 2 authorization server (issue 4). Secrets, codes and tokens are stored only as SHA-256
// hashes (base64url): they are random 256-bit values, so a plain hash is enough to make a copy of
// the tables useless, and it can be looked up by equality in an index.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE oauth_apps (
      id bigint PRIMARY KEY DEFAULT next_id(),
      name text NOT NULL,
      website text,
      redirect_uris text[] NOT NULL,
      scopes text[] NOT NULL,
      client_id text NOT NULL,
      client_secret_hash text NOT NULL,
      -- the account whose token registered the app, if any; apps outlive their owners' tokens
      owner_account_id bigint REFERENCES accounts ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX oauth_apps_client_id_key ON oauth_apps (client_id);

    CREATE TABLE oauth_tokens (
      id bigint PRIMARY KEY DEFAULT next_id(),
      token_hash text NOT NULL,
      app_id bigint NOT NULL REFERENCES oauth_apps ON DELETE CASCADE,
      -- null for client_credentials tokens, which act for the app alone
      account_id bigint REFERENCES accounts ON DELETE CASCADE,
      scopes text[] NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz,
      last_used_at timestamptz
    );
    -- every API request: the token by its hash
    CREATE UNIQUE INDEX oauth_tokens_token_hash_key ON oauth_tokens (token_hash);
    -- settings: the apps a person has authorized, and revoking one app's tokens for that person
    CREATE INDEX oauth_tokens_account_id_app_id ON oauth_tokens (account_id, app_id) WHERE revoked_at IS NULL;

    CREATE TABLE oauth_codes (
      code_hash text PRIMARY KEY,
      app_id bigint NOT NULL REFERENCES oauth_apps ON DELETE CASCADE,
      account_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
      scopes text[] NOT NULL,
      redirect_uri text NOT NULL,
      code_challenge text,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      -- the token this code was exchanged for, revoked if the code is presented again (RFC 6749 4.1.2)
      token_id bigint REFERENCES oauth_tokens ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX oauth_codes_expires_at ON oauth_codes (expires_at);
  `.execute(db);
}
