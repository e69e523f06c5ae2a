import { sql, type Kysely } from 'kysely';

// Edit history and pins (issue 11 items 7 and 2).
// - status_edits: each edit keeps the version it replaces (text, HTML, content warning, sensitive,
//   its media as they were, and when that version was written), in the edit's transaction. The
//   current version is the status itself, so the history is these rows, oldest first, then the
//   status. A version's media are kept as they were shown (JSON), with their storage keys in
//   media_keys: a medium an edit removes leaves media_attachments, but its files stay while a
//   version shows them (the release trigger of 0013 now skips them), and go when the last version
//   that shows them does (the status is deleted).
// - status_pins: up to 5 of an account's own statuses, shown first on its profile. A change is
//   announced under `i:<account>`, which drops the read cache's pinned flags (`i:<viewer>|<status>`,
//   read per viewer like favourites) and the account's cached pinned ids (`i:<account>|list`).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE status_edits (
      id bigint PRIMARY KEY DEFAULT next_id(),
      status_id bigint NOT NULL REFERENCES statuses ON DELETE CASCADE,
      text text NOT NULL,
      html text NOT NULL,
      spoiler_text text NOT NULL,
      sensitive boolean NOT NULL,
      media jsonb NOT NULL DEFAULT '[]',
      media_keys text[] NOT NULL DEFAULT '{}',
      -- when this version was written (the status's created_at, or the edit that made it)
      created_at timestamptz NOT NULL
    );
    -- a status's versions, oldest first
    CREATE INDEX status_edits_status_id ON status_edits (status_id, id);
    -- "does a version still show this file" (the release triggers, the media orphan check)
    CREATE INDEX status_edits_media_keys ON status_edits USING gin (media_keys);

    CREATE OR REPLACE FUNCTION media_attachments_released() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO media_released (key)
        SELECT k FROM released, unnest(ARRAY[released.file_key, released.preview_key]) AS k
        WHERE k IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM status_edits e WHERE e.media_keys @> ARRAY[k])
        ON CONFLICT DO NOTHING;
      IF FOUND THEN
        PERFORM graphile_worker.add_job('media-cleanup', '{}'::json, job_key => 'media-cleanup');
      END IF;
      RETURN NULL;
    END $$;

    -- Versions that go (with their status) release the files nothing else shows any more.
    CREATE FUNCTION status_edits_released() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO media_released (key)
        SELECT DISTINCT k FROM gone, unnest(gone.media_keys) AS k
        WHERE NOT EXISTS (SELECT 1 FROM media_attachments m WHERE m.file_key = k)
          AND NOT EXISTS (SELECT 1 FROM media_attachments m WHERE m.preview_key = k)
          AND NOT EXISTS (SELECT 1 FROM status_edits e WHERE e.media_keys @> ARRAY[k])
        ON CONFLICT DO NOTHING;
      IF FOUND THEN
        PERFORM graphile_worker.add_job('media-cleanup', '{}'::json, job_key => 'media-cleanup');
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER status_edits_released AFTER DELETE ON status_edits
      REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION status_edits_released();

    CREATE TABLE status_pins (
      id bigint PRIMARY KEY DEFAULT next_id(),
      account_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
      status_id bigint NOT NULL REFERENCES statuses ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    -- one per (account, status); an account's pins, newest first
    CREATE UNIQUE INDEX status_pins_account_id_status_id ON status_pins (account_id, status_id);
    CREATE INDEX status_pins_account_id_id ON status_pins (account_id, id DESC) INCLUDE (status_id);
    -- the cascade when a status is deleted
    CREATE INDEX status_pins_status_id ON status_pins (status_id);

    CREATE FUNCTION status_pins_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        PERFORM microposts_changed('i:' || OLD.account_id);
      ELSE
        PERFORM microposts_changed('i:' || NEW.account_id);
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER status_pins_changed AFTER INSERT OR DELETE ON status_pins
      FOR EACH ROW EXECUTE FUNCTION status_pins_changed();
  `.execute(db);
}
