import { sql, type Kysely } from 'kysely';

// Polls (issue 11 item 6).
// - polls: at most one per status (its id is the status's, as the API's poll id), the options'
//   titles and, kept beside them, their counts (Mastodon's cached_tallies), the votes and voters
//   counts, and `closed_at`: when the expiry job closed it and notified voters and author.
// - poll_votes: one row per voter with its choices (indexes into options), so "one vote per voter"
//   is the primary key and a concurrent second vote fails instead of counting twice.
// - The counters are kept by a trigger on poll_votes, in the transaction of the change, whichever way
//   it comes (a vote, an edit that resets votes, an account deletion cascading). It runs at once, not
//   at commit: an edit deletes the votes and then rewrites the options and counts, and a deferred
//   trigger would subtract from the new counts. A vote's transaction is short, so the poll row it
//   locks is held only briefly.
// - A poll is part of its status's card (`s:<id>`): any change of the polls row announces it. A
//   voter's own choices are read per viewer under `v:<voter>|<status>`, dropped whenever that account
//   votes or its votes go (`v:<voter>`), never from a card.
// - notifications.type: Mastodon's whole list, so this and the other branches adding a type (reblog,
//   update) need not replace each other's constraint.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE polls (
      status_id bigint PRIMARY KEY REFERENCES statuses ON DELETE CASCADE,
      options text[] NOT NULL,
      votes_counts bigint[] NOT NULL,
      votes_count bigint NOT NULL DEFAULT 0,
      voters_count bigint NOT NULL DEFAULT 0,
      multiple boolean NOT NULL DEFAULT false,
      hide_totals boolean NOT NULL DEFAULT false,
      expires_at timestamptz NOT NULL,
      closed_at timestamptz,
      CHECK (cardinality(options) = cardinality(votes_counts))
    );

    CREATE TABLE poll_votes (
      poll_id bigint NOT NULL REFERENCES polls ON DELETE CASCADE,
      account_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
      choices int[] NOT NULL CHECK (cardinality(choices) > 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (poll_id, account_id)
    );
    -- the cascade when an account is deleted, and a viewer's own votes among statuses
    CREATE INDEX poll_votes_account_id ON poll_votes (account_id, poll_id);

    CREATE FUNCTION poll_votes_counters() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      v poll_votes%ROWTYPE;
      delta int;
    BEGIN
      IF TG_OP = 'INSERT' THEN v := NEW; delta := 1; ELSE v := OLD; delta := -1; END IF;
      UPDATE polls SET
        votes_counts = ARRAY(
          SELECT votes_counts[i] + CASE WHEN (i - 1) = ANY (v.choices) THEN delta ELSE 0 END
          FROM generate_subscripts(votes_counts, 1) AS i ORDER BY i),
        votes_count = votes_count + delta * cardinality(v.choices),
        voters_count = voters_count + delta
        WHERE status_id = v.poll_id;
      PERFORM microposts_changed('v:' || v.account_id);
      RETURN NULL;
    END $$;
    CREATE TRIGGER poll_votes_counters AFTER INSERT OR DELETE ON poll_votes
      FOR EACH ROW EXECUTE FUNCTION poll_votes_counters();

    CREATE FUNCTION polls_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM microposts_changed('s:' || CASE WHEN TG_OP = 'DELETE' THEN OLD.status_id ELSE NEW.status_id END);
      RETURN NULL;
    END $$;
    CREATE TRIGGER polls_changed AFTER INSERT OR UPDATE OR DELETE ON polls
      FOR EACH ROW EXECUTE FUNCTION polls_changed();

    ALTER TABLE notifications DROP CONSTRAINT IF EXISTS notifications_type_check;
    ALTER TABLE notifications ADD CONSTRAINT notifications_type_check CHECK (type IN (
      'mention', 'status', 'reblog', 'follow', 'follow_request', 'favourite', 'poll', 'update',
      'admin.sign_up', 'admin.report', 'severed_relationships', 'moderation_warning'));
  `.execute(db);
}
