import { sql, type Kysely } from 'kysely';

// The rest of the everyday client API (issue 11): a status's language, reading positions
// (markers), followed hashtags and dismissed follow suggestions.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- ISO 639-1, given by the client or detected; null when neither knows
    ALTER TABLE statuses ADD COLUMN language text CHECK (language ~ '^[a-z]{2}$');

    -- Mastodon's markers: one reading position per person and timeline. version counts the changes.
    CREATE TABLE markers (
      account_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
      timeline text NOT NULL CHECK (timeline IN ('home', 'notifications')),
      last_read_id bigint NOT NULL,
      version integer NOT NULL DEFAULT 1,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (account_id, timeline)
    );
    -- Who read notifications before markers existed starts at the newest one read.
    INSERT INTO markers (account_id, timeline, last_read_id)
    SELECT account_id, 'notifications', max(id) FROM notifications WHERE read_at IS NOT NULL GROUP BY 1;

    -- The unread count (cached under n:<account>) follows the notifications marker.
    CREATE FUNCTION markers_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.timeline = 'notifications' THEN PERFORM microposts_changed('n:' || NEW.account_id); END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER markers_changed AFTER INSERT OR UPDATE ON markers
      FOR EACH ROW EXECUTE FUNCTION markers_changed();

    -- Followed hashtags; the row's id is the cursor of GET /api/v1/followed_tags.
    CREATE TABLE tag_follows (
      id bigint PRIMARY KEY DEFAULT next_id(),
      account_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
      tag_id bigint NOT NULL REFERENCES tags ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (account_id, tag_id)
    );
    -- who follows a tag (for putting its statuses in home timelines)
    CREATE INDEX tag_follows_tag_id ON tag_follows (tag_id);

    -- Follow suggestions a person dismissed (DELETE /api/v1/suggestions/:account_id).
    CREATE TABLE suggestion_dismissals (
      account_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
      target_account_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (account_id, target_account_id)
    );

    -- The directory's "active" order: who posted last, first.
    CREATE INDEX account_stats_last_status_at ON account_stats (last_status_at DESC NULLS LAST, account_id DESC);
  `.execute(db);
}
