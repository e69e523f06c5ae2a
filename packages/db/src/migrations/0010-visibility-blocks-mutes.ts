import { sql, type Kysely } from 'kysely';

// Followers-only and direct statuses, blocks, mutes and direct conversations (issue 11, items 3 and
// 4; docs/visibility.md). Who may see what is decided in packages/core/src/rules/visibility-rules.ts
// and written in SQL in packages/db/src/repositories/visibility-sql.ts; this migration holds the
// rows those rules read, keeps the counters right for the new visibilities, and announces what the
// per-viewer cached reads depend on.
//
// New keys on `microposts_changes` (the list of 0008 goes on):
//   b:<id>  the blocks or mutes of an account changed (both accounts of a block; the muter of a
//           mute): the account's relations (who it blocks, who blocks it, whom it mutes) and what
//           they hide from it. n:<id> goes with it, since the unread count leaves them out.
// And keys of 0008 announced on more occasions:
//   p:<author>  also when a private or direct status is edited (its mentions, so who sees it, may
//               have changed): per-viewer profile pages and home pages depend on them.
//
// Counters, as Mastodon keeps them: a direct status is not counted in its author's statuses_count
// (nor does it move last_status_at), and only public and unlisted replies count in their parent's
// replies_count — a count must not reveal what its reader may not see.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE statuses DROP CONSTRAINT statuses_visibility_check;
    ALTER TABLE statuses ADD CONSTRAINT statuses_visibility_check
      CHECK (visibility IN ('public', 'unlisted', 'private', 'direct'));

    CREATE TABLE blocks (
      id bigint PRIMARY KEY DEFAULT next_id(),
      account_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
      target_account_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT blocks_not_self CHECK (account_id <> target_account_id)
    );
    -- one row per pair; "does X block Y" (index only)
    CREATE UNIQUE INDEX blocks_account_id_target_account_id ON blocks (account_id, target_account_id);
    -- the blocked list of X, paged by block id
    CREATE INDEX blocks_account_id_id ON blocks (account_id, id DESC) INCLUDE (target_account_id);
    -- "who blocks X" (blocked_by), and the cascade when X is deleted
    CREATE INDEX blocks_target_account_id ON blocks (target_account_id, account_id);

    CREATE TABLE mutes (
      id bigint PRIMARY KEY DEFAULT next_id(),
      account_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
      target_account_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
      -- the mute also hides the target's notifications (Mastodon's hide_notifications)
      notifications boolean NOT NULL DEFAULT true,
      -- null: until unmuted; otherwise the mute is over at this time (every read checks it)
      expires_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT mutes_not_self CHECK (account_id <> target_account_id)
    );
    CREATE UNIQUE INDEX mutes_account_id_target_account_id ON mutes (account_id, target_account_id);
    -- the muted list of X, paged by mute id
    CREATE INDEX mutes_account_id_id ON mutes (account_id, id DESC) INCLUDE (target_account_id);
    -- the cascade when the target is deleted
    CREATE INDEX mutes_target_account_id ON mutes (target_account_id);
    -- housekeeping's purge of mutes that ran out
    CREATE INDEX mutes_expires_at ON mutes (expires_at) WHERE expires_at IS NOT NULL;

    -- Mastodon's AccountConversation: each participant's own row per thread of direct statuses
    -- (conversation_id: the id of the thread's first status, a grouping key, not a reference) and
    -- the other participants (sorted; the same thread with other people is another conversation).
    CREATE TABLE account_conversations (
      id bigint PRIMARY KEY DEFAULT next_id(),
      account_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
      conversation_id bigint NOT NULL,
      participant_account_ids bigint[] NOT NULL,
      status_ids bigint[] NOT NULL,
      last_status_id bigint NOT NULL,
      unread boolean NOT NULL DEFAULT false
    );
    CREATE UNIQUE INDEX account_conversations_once
      ON account_conversations (account_id, conversation_id, participant_account_ids);
    -- the list of X, newest status first, paged by that status's id (Mastodon's cursor)
    CREATE INDEX account_conversations_account_id_last ON account_conversations (account_id, last_status_id DESC);
    -- a deleted direct status leaves every conversation that holds it
    CREATE INDEX account_conversations_status_ids ON account_conversations USING gin (status_ids);

    -- A deleted direct status leaves the conversations; an emptied conversation goes.
    CREATE FUNCTION account_conversations_status_gone() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM account_conversations WHERE status_ids = ARRAY[OLD.id];
      UPDATE account_conversations
        SET status_ids = array_remove(status_ids, OLD.id),
            last_status_id = (SELECT max(x) FROM unnest(array_remove(status_ids, OLD.id)) x)
        WHERE status_ids @> ARRAY[OLD.id];
      RETURN NULL;
    END $$;
    CREATE TRIGGER account_conversations_status_gone AFTER DELETE ON statuses
      FOR EACH ROW WHEN (OLD.visibility = 'direct') EXECUTE FUNCTION account_conversations_status_gone();

    -- blocks and mutes: the relations of both accounts of a block, of the muter of a mute
    CREATE FUNCTION blocks_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      b blocks%ROWTYPE;
    BEGIN
      IF TG_OP = 'DELETE' THEN b := OLD; ELSE b := NEW; END IF;
      PERFORM microposts_changed('b:' || b.account_id);
      PERFORM microposts_changed('b:' || b.target_account_id);
      PERFORM microposts_changed('n:' || b.account_id);
      PERFORM microposts_changed('n:' || b.target_account_id);
      RETURN NULL;
    END $$;
    CREATE TRIGGER blocks_changed AFTER INSERT OR UPDATE OR DELETE ON blocks
      FOR EACH ROW EXECUTE FUNCTION blocks_changed();
    CREATE FUNCTION mutes_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      m mutes%ROWTYPE;
    BEGIN
      IF TG_OP = 'DELETE' THEN m := OLD; ELSE m := NEW; END IF;
      PERFORM microposts_changed('b:' || m.account_id);
      PERFORM microposts_changed('n:' || m.account_id);
      RETURN NULL;
    END $$;
    CREATE TRIGGER mutes_changed AFTER INSERT OR UPDATE OR DELETE ON mutes
      FOR EACH ROW EXECUTE FUNCTION mutes_changed();

    -- What a status adds to its counters: a direct status is not in statuses_count; only public and
    -- unlisted replies are in their parent's replies_count.
    CREATE FUNCTION microposts_counts_status(visibility text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
      SELECT visibility <> 'direct'
    $$;
    CREATE FUNCTION microposts_counts_reply(visibility text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
      SELECT visibility IN ('public', 'unlisted')
    $$;

    CREATE OR REPLACE FUNCTION statuses_counters() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      s statuses%ROWTYPE;
      delta int;
    BEGIN
      IF TG_OP = 'INSERT' THEN s := NEW; delta := 1; ELSE s := OLD; delta := -1; END IF;
      IF microposts_counts_status(s.visibility) THEN
        UPDATE account_stats SET statuses_count = statuses_count + delta,
          last_status_at = CASE WHEN delta > 0 THEN greatest(last_status_at, s.created_at) ELSE last_status_at END
          WHERE account_id = s.account_id;
      END IF;
      IF s.in_reply_to_id IS NOT NULL AND microposts_counts_reply(s.visibility) THEN
        UPDATE status_stats SET replies_count = replies_count + delta WHERE status_id = s.in_reply_to_id;
      END IF;
      IF TG_OP = 'DELETE' THEN PERFORM microposts_changed('s:' || s.id); END IF;
      PERFORM microposts_changed('p:' || s.account_id);
      IF s.visibility = 'public' THEN PERFORM microposts_changed('t:public'); END IF;
      RETURN NULL;
    END $$;

    -- A visibility changed by hand (the services never change one) moves the counters too.
    CREATE FUNCTION statuses_visibility_counters() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      d int;
    BEGIN
      d := microposts_counts_status(NEW.visibility)::int - microposts_counts_status(OLD.visibility)::int;
      IF d <> 0 THEN
        UPDATE account_stats SET statuses_count = statuses_count + d WHERE account_id = NEW.account_id;
      END IF;
      d := microposts_counts_reply(NEW.visibility)::int - microposts_counts_reply(OLD.visibility)::int;
      IF d <> 0 AND NEW.in_reply_to_id IS NOT NULL THEN
        UPDATE status_stats SET replies_count = replies_count + d WHERE status_id = NEW.in_reply_to_id;
      END IF;
      RETURN NULL;
    END $$;
    CREATE CONSTRAINT TRIGGER statuses_visibility_counters AFTER UPDATE OF visibility ON statuses
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
      WHEN (OLD.visibility IS DISTINCT FROM NEW.visibility)
      EXECUTE FUNCTION statuses_visibility_counters();

    CREATE OR REPLACE FUNCTION statuses_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM microposts_changed('s:' || NEW.id);
      IF OLD.visibility IS DISTINCT FROM NEW.visibility THEN
        PERFORM microposts_changed('t:public');
        PERFORM microposts_changed('p:' || NEW.account_id);
      ELSIF NEW.visibility IN ('private', 'direct') THEN
        -- an edit may change whom it mentions, so who may see it
        PERFORM microposts_changed('p:' || NEW.account_id);
      END IF;
      RETURN NULL;
    END $$;

    CREATE OR REPLACE FUNCTION microposts_rebuild_counters() RETURNS TABLE (accounts bigint, statuses bigint)
    LANGUAGE plpgsql AS $$
    BEGIN
      LOCK TABLE accounts, statuses, follows, favourites IN SHARE MODE;
      INSERT INTO account_stats (account_id, statuses_count, followers_count, following_count, last_status_at)
      SELECT a.id, coalesce(s.n, 0), coalesce(fr.n, 0), coalesce(fg.n, 0), s.last
      FROM accounts a
      LEFT JOIN (SELECT account_id, count(*) AS n, max(created_at) AS last FROM statuses
                 WHERE microposts_counts_status(visibility) GROUP BY 1) s
        ON s.account_id = a.id
      LEFT JOIN (SELECT target_account_id, count(*) AS n FROM follows GROUP BY 1) fr
        ON fr.target_account_id = a.id
      LEFT JOIN (SELECT account_id, count(*) AS n FROM follows GROUP BY 1) fg ON fg.account_id = a.id
      ON CONFLICT (account_id) DO UPDATE SET
        statuses_count = EXCLUDED.statuses_count, followers_count = EXCLUDED.followers_count,
        following_count = EXCLUDED.following_count, last_status_at = EXCLUDED.last_status_at
      WHERE (account_stats.statuses_count, account_stats.followers_count, account_stats.following_count,
             account_stats.last_status_at)
        IS DISTINCT FROM (EXCLUDED.statuses_count, EXCLUDED.followers_count, EXCLUDED.following_count,
             EXCLUDED.last_status_at);
      GET DIAGNOSTICS accounts = ROW_COUNT;
      INSERT INTO status_stats (status_id, replies_count, favourites_count)
      SELECT st.id, coalesce(r.n, 0), coalesce(f.n, 0)
      FROM statuses st
      LEFT JOIN (SELECT in_reply_to_id, count(*) AS n FROM statuses
                 WHERE in_reply_to_id IS NOT NULL AND microposts_counts_reply(visibility) GROUP BY 1) r
        ON r.in_reply_to_id = st.id
      LEFT JOIN (SELECT status_id, count(*) AS n FROM favourites GROUP BY 1) f ON f.status_id = st.id
      ON CONFLICT (status_id) DO UPDATE SET
        replies_count = EXCLUDED.replies_count, favourites_count = EXCLUDED.favourites_count
      WHERE (status_stats.replies_count, status_stats.favourites_count)
        IS DISTINCT FROM (EXCLUDED.replies_count, EXCLUDED.favourites_count);
      GET DIAGNOSTICS statuses = ROW_COUNT;
      RETURN NEXT;
    END $$;
  `.execute(db);
}
