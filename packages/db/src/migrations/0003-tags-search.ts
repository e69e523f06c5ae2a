import { sql, type Kysely } from 'kysely';

// Hashtags, full-text search over statuses, and prefix search over accounts and tags.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it without superuser.
    CREATE EXTENSION IF NOT EXISTS pg_trgm;

    CREATE TABLE tags (
      id bigint PRIMARY KEY DEFAULT next_id(),
      name text NOT NULL UNIQUE, -- normalized: NFKC, lower case (normalizeTag)
      created_at timestamptz NOT NULL DEFAULT now()
    );
    -- hashtag search: name LIKE 'prefix%' whatever the database collation
    CREATE INDEX tags_name_prefix ON tags (name text_pattern_ops);

    CREATE TABLE status_tags (
      status_id bigint NOT NULL REFERENCES statuses ON DELETE CASCADE,
      tag_id bigint NOT NULL REFERENCES tags ON DELETE CASCADE,
      PRIMARY KEY (status_id, tag_id)
    );
    -- tag timelines: one tag's statuses, newest first, read straight off the index
    CREATE INDEX status_tags_tag_id_status_id ON status_tags (tag_id, status_id DESC);

    -- full-text search: English stemming ("posting" finds "posts"); the column follows every edit
    ALTER TABLE statuses
      ADD COLUMN search_vector tsvector
      GENERATED ALWAYS AS (to_tsvector('english'::regconfig, text)) STORED;
    CREATE INDEX statuses_search_vector ON statuses USING gin (search_vector);

    -- account search: username prefix (any length) and display names by trigram (prefix or inside)
    CREATE INDEX accounts_username_prefix ON accounts (lower(username) text_pattern_ops);
    CREATE INDEX accounts_display_name_trgm ON accounts USING gin (lower(display_name) gin_trgm_ops);
    -- the operator's account list: newest first, suspended ones apart
    CREATE INDEX accounts_suspended_id ON accounts (id DESC) WHERE suspended_at IS NOT NULL;
  `.execute(db);
}
