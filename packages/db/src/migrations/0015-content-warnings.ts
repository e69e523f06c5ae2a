import { sql, type Kysely } from 'kysely';

// Content warnings and bookmarks (issue 11 items 5 and 2).
// - statuses.spoiler_text: the warning a status is shown behind ('' for none, as Mastodon stores it).
//   It is part of the status's card, so the existing statuses trigger announces `s:<id>` when an
//   edit changes it.
// - bookmarks: one per (account, status), private to the account. Paged by the bookmark's id (as
//   Mastodon's Link headers). A change is announced under `m:<account>`, so the read cache's
//   per-viewer flags (`m:<viewer>|<status>`) are dropped whenever the viewer bookmarks or
//   unbookmarks anything (as `f:` for favourites).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE statuses ADD COLUMN spoiler_text text NOT NULL DEFAULT '';

    CREATE TABLE bookmarks (
      id bigint PRIMARY KEY DEFAULT next_id(),
      account_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
      status_id bigint NOT NULL REFERENCES statuses ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    -- one per (account, status); also "did the viewer bookmark this status"
    CREATE UNIQUE INDEX bookmarks_account_id_status_id ON bookmarks (account_id, status_id);
    -- a viewer's bookmarks, paginated by bookmark id
    CREATE INDEX bookmarks_account_id_id ON bookmarks (account_id, id DESC) INCLUDE (status_id);
    -- the cascade when a status is deleted
    CREATE INDEX bookmarks_status_id ON bookmarks (status_id);

    CREATE FUNCTION bookmarks_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        PERFORM microposts_changed('m:' || OLD.account_id);
      ELSE
        PERFORM microposts_changed('m:' || NEW.account_id);
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER bookmarks_changed AFTER INSERT OR DELETE ON bookmarks
      FOR EACH ROW EXECUTE FUNCTION bookmarks_changed();
  `.execute(db);
}
