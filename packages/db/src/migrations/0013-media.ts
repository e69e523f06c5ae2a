import { sql, type Kysely } from 'kysely';

// Media (issue 12): image attachments of statuses and profile pictures, processed by the worker.
//
// An upload is a row holding the uploaded bytes (`upload`) until the worker has processed them: the
// raw file, with whatever metadata it carries (a phone's GPS position), never reaches the public
// storage, and an upload commits or rolls back with its processing job. Processing writes the
// stripped, re-encoded files to storage under random keys, records them and drops the bytes.
//
// A deleted row releases its files: its keys go to media_released (by trigger, whichever way the
// row goes: a status deleted, an account deleted by cascade, an operator's SQL), and a
// `media-cleanup` job is queued in the same transaction to delete them from storage.
//
// An account's pictures are rows too (purpose avatar/header); the account shows the key of its
// current one (accounts.avatar_key, header_key), so account reads need no join.
//
// What a status's card shows changes when its media do: s:<status id> is announced (see 0008).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE media_attachments (
      id bigint PRIMARY KEY DEFAULT next_id(),
      account_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
      status_id bigint REFERENCES statuses ON DELETE CASCADE,
      position smallint NOT NULL DEFAULT 0,
      purpose text NOT NULL DEFAULT 'attachment' CHECK (purpose IN ('attachment', 'avatar', 'header')),
      state text NOT NULL DEFAULT 'processing' CHECK (state IN ('processing', 'ready', 'failed')),
      error text,
      format text NOT NULL,
      upload bytea,
      upload_size integer NOT NULL,
      description text,
      focus_x real NOT NULL DEFAULT 0,
      focus_y real NOT NULL DEFAULT 0,
      file_key text,
      preview_key text,
      width integer,
      height integer,
      file_size integer,
      preview_width integer,
      preview_height integer,
      blurhash text,
      created_at timestamptz NOT NULL DEFAULT now(),
      processed_at timestamptz
    );
    -- a status's media, in order (the card query); only_media filters
    CREATE INDEX media_attachments_status_id ON media_attachments (status_id, position) WHERE status_id IS NOT NULL;
    -- an account's uploads and pictures; the purge of uploads never posted
    CREATE INDEX media_attachments_account_id ON media_attachments (account_id, purpose);
    CREATE INDEX media_attachments_unattached ON media_attachments (created_at) WHERE status_id IS NULL;
    CREATE UNIQUE INDEX media_attachments_file_key ON media_attachments (file_key) WHERE file_key IS NOT NULL;
    CREATE UNIQUE INDEX media_attachments_preview_key ON media_attachments (preview_key) WHERE preview_key IS NOT NULL;

    ALTER TABLE accounts ADD COLUMN avatar_key text, ADD COLUMN header_key text;
    -- the author marked the status's media sensitive: pages show them behind a click
    ALTER TABLE statuses ADD COLUMN sensitive boolean NOT NULL DEFAULT false;

    CREATE TABLE media_released (
      key text PRIMARY KEY,
      released_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE FUNCTION media_attachments_released() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO media_released (key)
        SELECT k FROM released, unnest(ARRAY[released.file_key, released.preview_key]) AS k
        WHERE k IS NOT NULL
        ON CONFLICT DO NOTHING;
      IF FOUND THEN
        PERFORM graphile_worker.add_job('media-cleanup', '{}'::json, job_key => 'media-cleanup');
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER media_attachments_released AFTER DELETE ON media_attachments
      REFERENCING OLD TABLE AS released FOR EACH STATEMENT EXECUTE FUNCTION media_attachments_released();

    CREATE FUNCTION media_attachments_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'INSERT' AND OLD.status_id IS NOT NULL THEN
        PERFORM microposts_changed('s:' || OLD.status_id);
      END IF;
      IF TG_OP <> 'DELETE' AND NEW.status_id IS NOT NULL
         AND (TG_OP = 'INSERT' OR NEW.status_id IS DISTINCT FROM OLD.status_id) THEN
        PERFORM microposts_changed('s:' || NEW.status_id);
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER media_attachments_changed AFTER INSERT OR UPDATE OR DELETE ON media_attachments
      FOR EACH ROW EXECUTE FUNCTION media_attachments_changed();
  `.execute(db);
}
