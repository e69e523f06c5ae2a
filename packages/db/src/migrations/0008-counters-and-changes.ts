import { sql, type Kysely } from 'kysely';

// Counters, not counting (issue 9): an account's statuses, followers and following, a status's
// replies and favourites, kept in narrow rows of their own (as Mastodon's account_stats and
// status_stats) so reads join one row instead of counting, and the wide accounts and statuses rows
// are not rewritten on every favourite.
//
// Triggers keep them, in the transaction of the change that moves them, whichever way the change
// comes: a service, an account deletion cascading through follows and favourites, the operator's
// SQL. The counter updates are deferred to the commit (constraint triggers), so the counter rows —
// hot for an account that posts or is followed a lot — are locked only while committing; inside the
// writing transaction a counter still shows its old value. Two rows updated together are locked in
// id order (one UPDATE over both, scanned through the primary key), so two opposite follows cannot
// deadlock on them.
//
// Every change a cached read depends on is also announced on the channel `microposts_changes`
// (pg_notify is transactional: listeners hear it only when the transaction commits):
//   s:<id>  a status changed or went (its text, visibility, counters)
//   a:<id>  an account changed or went (profile, suspension, counters)
//   t:public  the membership of the public timeline changed (a public status came or went,
//             an account was suspended or unsuspended)
//   p:<id>    the statuses of an account's profile changed (p:* on any suspension)
//   g:<id>    the statuses of a hashtag changed (g:* on any suspension); g:<name> a tag was made
//   u:<name>  an account with this (lower-case) username came, went, or was (un)suspended
//   x:<id>    a session was written or ended
//   k:<hash>  an OAuth token was issued, used, revoked or deleted
//   n:<id>    an account's notifications changed (n:* for everyone's: a suspension hides some)
//   f:<id>    an account favourited or unfavourited something
//   h:<id>    an account followed or unfollowed someone (its home timeline's authors changed)
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE account_stats (
      account_id bigint PRIMARY KEY REFERENCES accounts ON DELETE CASCADE,
      statuses_count bigint NOT NULL DEFAULT 0,
      followers_count bigint NOT NULL DEFAULT 0,
      following_count bigint NOT NULL DEFAULT 0,
      last_status_at timestamptz
    );
    CREATE TABLE status_stats (
      status_id bigint PRIMARY KEY REFERENCES statuses ON DELETE CASCADE,
      replies_count bigint NOT NULL DEFAULT 0,
      favourites_count bigint NOT NULL DEFAULT 0
    );

    CREATE FUNCTION microposts_changed(key text) RETURNS void LANGUAGE sql AS $$
      SELECT pg_notify('microposts_changes', key)
    $$;

    -- accounts: a stats row from the start; every change announced
    CREATE FUNCTION account_stats_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO account_stats (account_id) VALUES (NEW.id);
      PERFORM microposts_changed('u:' || lower(NEW.username));
      RETURN NULL;
    END $$;
    CREATE TRIGGER account_stats_insert AFTER INSERT ON accounts
      FOR EACH ROW EXECUTE FUNCTION account_stats_insert();

    CREATE FUNCTION accounts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM microposts_changed('a:' || OLD.id);
      IF TG_OP = 'DELETE' OR OLD.suspended_at IS DISTINCT FROM NEW.suspended_at THEN
        PERFORM microposts_changed('u:' || lower(OLD.username));
      END IF;
      IF TG_OP = 'DELETE' OR OLD.suspended_at IS DISTINCT FROM NEW.suspended_at THEN
        PERFORM microposts_changed('t:public');
        PERFORM microposts_changed('p:*');
        PERFORM microposts_changed('g:*');
        -- notifications from a suspended account are hidden from everyone's list and badge
        PERFORM microposts_changed('n:*');
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER accounts_changed AFTER UPDATE OR DELETE ON accounts
      FOR EACH ROW EXECUTE FUNCTION accounts_changed();

    -- statuses: a stats row from the start; the author's count and last post and the parent's
    -- replies at commit (a deferred trigger: the rows it updates are locked only while committing,
    -- so an account posting fast, or a thread replied to by many, does not hold everyone up)
    CREATE FUNCTION status_stats_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO status_stats (status_id) VALUES (NEW.id);
      RETURN NULL;
    END $$;
    CREATE TRIGGER status_stats_insert AFTER INSERT ON statuses
      FOR EACH ROW EXECUTE FUNCTION status_stats_insert();

    CREATE FUNCTION statuses_counters() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      s statuses%ROWTYPE;
      delta int;
    BEGIN
      IF TG_OP = 'INSERT' THEN s := NEW; delta := 1; ELSE s := OLD; delta := -1; END IF;
      UPDATE account_stats SET statuses_count = statuses_count + delta,
        last_status_at = CASE WHEN delta > 0 THEN greatest(last_status_at, s.created_at) ELSE last_status_at END
        WHERE account_id = s.account_id;
      IF s.in_reply_to_id IS NOT NULL THEN
        UPDATE status_stats SET replies_count = replies_count + delta WHERE status_id = s.in_reply_to_id;
      END IF;
      IF TG_OP = 'DELETE' THEN PERFORM microposts_changed('s:' || s.id); END IF;
      PERFORM microposts_changed('p:' || s.account_id);
      IF s.visibility = 'public' THEN PERFORM microposts_changed('t:public'); END IF;
      RETURN NULL;
    END $$;
    CREATE CONSTRAINT TRIGGER statuses_counters AFTER INSERT OR DELETE ON statuses
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION statuses_counters();

    CREATE FUNCTION statuses_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM microposts_changed('s:' || NEW.id);
      IF OLD.visibility IS DISTINCT FROM NEW.visibility THEN
        PERFORM microposts_changed('t:public');
        PERFORM microposts_changed('p:' || NEW.account_id);
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER statuses_changed AFTER UPDATE ON statuses
      FOR EACH ROW EXECUTE FUNCTION statuses_changed();

    -- follows: both accounts' counts, in one UPDATE (locks in id order)
    CREATE FUNCTION follows_counters() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      f follows%ROWTYPE;
      delta int;
    BEGIN
      IF TG_OP = 'INSERT' THEN f := NEW; delta := 1; ELSE f := OLD; delta := -1; END IF;
      UPDATE account_stats SET
        following_count = following_count + CASE WHEN account_id = f.account_id THEN delta ELSE 0 END,
        followers_count = followers_count + CASE WHEN account_id = f.target_account_id THEN delta ELSE 0 END
        WHERE account_id = ANY (ARRAY[f.account_id, f.target_account_id]);
      PERFORM microposts_changed('h:' || f.account_id);
      RETURN NULL;
    END $$;
    CREATE CONSTRAINT TRIGGER follows_counters AFTER INSERT OR DELETE ON follows
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION follows_counters();

    -- favourites: the status's count
    CREATE FUNCTION favourites_counters() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        UPDATE status_stats SET favourites_count = favourites_count + 1 WHERE status_id = NEW.status_id;
        PERFORM microposts_changed('f:' || NEW.account_id);
      ELSE
        UPDATE status_stats SET favourites_count = favourites_count - 1 WHERE status_id = OLD.status_id;
        PERFORM microposts_changed('f:' || OLD.account_id);
      END IF;
      RETURN NULL;
    END $$;
    CREATE CONSTRAINT TRIGGER favourites_counters AFTER INSERT OR DELETE ON favourites
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION favourites_counters();

    -- any counter that moved is a change of what its account or status shows
    CREATE FUNCTION account_stats_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM microposts_changed('a:' || NEW.account_id);
      RETURN NULL;
    END $$;
    CREATE TRIGGER account_stats_changed AFTER UPDATE ON account_stats
      FOR EACH ROW EXECUTE FUNCTION account_stats_changed();
    CREATE FUNCTION status_stats_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM microposts_changed('s:' || NEW.status_id);
      RETURN NULL;
    END $$;
    CREATE TRIGGER status_stats_changed AFTER UPDATE ON status_stats
      FOR EACH ROW EXECUTE FUNCTION status_stats_changed();

    -- a hashtag's statuses change when a status takes or drops the tag (edits, deletes)
    CREATE FUNCTION status_tags_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM microposts_changed('g:' || CASE WHEN TG_OP = 'DELETE' THEN OLD.tag_id ELSE NEW.tag_id END);
      RETURN NULL;
    END $$;
    CREATE TRIGGER status_tags_changed AFTER INSERT OR DELETE ON status_tags
      FOR EACH ROW EXECUTE FUNCTION status_tags_changed();
    CREATE FUNCTION tags_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM microposts_changed('g:' || NEW.name);
      RETURN NULL;
    END $$;
    CREATE TRIGGER tags_changed AFTER INSERT OR UPDATE ON tags
      FOR EACH ROW EXECUTE FUNCTION tags_changed();

    -- mentions are part of what a status shows; they go when the mentioned account goes
    CREATE FUNCTION mentions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM microposts_changed('s:' || OLD.status_id);
      RETURN NULL;
    END $$;
    CREATE TRIGGER mentions_changed AFTER DELETE ON mentions
      FOR EACH ROW EXECUTE FUNCTION mentions_changed();

    -- sessions, tokens and notifications are cached per person (session, token, account)
    CREATE FUNCTION sessions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM microposts_changed('x:' || CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
      RETURN NULL;
    END $$;
    CREATE TRIGGER sessions_changed AFTER INSERT OR UPDATE OR DELETE ON sessions
      FOR EACH ROW EXECUTE FUNCTION sessions_changed();
    CREATE FUNCTION oauth_tokens_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM microposts_changed('k:' || CASE WHEN TG_OP = 'DELETE' THEN OLD.token_hash ELSE NEW.token_hash END);
      RETURN NULL;
    END $$;
    CREATE TRIGGER oauth_tokens_changed AFTER INSERT OR UPDATE OR DELETE ON oauth_tokens
      FOR EACH ROW EXECUTE FUNCTION oauth_tokens_changed();
    CREATE FUNCTION notifications_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM microposts_changed('n:' || CASE WHEN TG_OP = 'DELETE' THEN OLD.account_id ELSE NEW.account_id END);
      RETURN NULL;
    END $$;
    CREATE TRIGGER notifications_changed AFTER INSERT OR UPDATE OR DELETE ON notifications
      FOR EACH ROW EXECUTE FUNCTION notifications_changed();

    -- The repair (npm run cli -- counters rebuild) and the backfill of this migration: every counter
    -- recomputed from the rows, with writers held off for the moment it takes, so none is missed.
    CREATE FUNCTION microposts_rebuild_counters() RETURNS TABLE (accounts bigint, statuses bigint)
    LANGUAGE plpgsql AS $$
    BEGIN
      LOCK TABLE accounts, statuses, follows, favourites IN SHARE MODE;
      INSERT INTO account_stats (account_id, statuses_count, followers_count, following_count, last_status_at)
      SELECT a.id, coalesce(s.n, 0), coalesce(fr.n, 0), coalesce(fg.n, 0), s.last
      FROM accounts a
      LEFT JOIN (SELECT account_id, count(*) AS n, max(created_at) AS last FROM statuses GROUP BY 1) s
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
      LEFT JOIN (SELECT in_reply_to_id, count(*) AS n FROM statuses WHERE in_reply_to_id IS NOT NULL GROUP BY 1) r
        ON r.in_reply_to_id = st.id
      LEFT JOIN (SELECT status_id, count(*) AS n FROM favourites GROUP BY 1) f ON f.status_id = st.id
      ON CONFLICT (status_id) DO UPDATE SET
        replies_count = EXCLUDED.replies_count, favourites_count = EXCLUDED.favourites_count
      WHERE (status_stats.replies_count, status_stats.favourites_count)
        IS DISTINCT FROM (EXCLUDED.replies_count, EXCLUDED.favourites_count);
      GET DIAGNOSTICS statuses = ROW_COUNT;
      RETURN NEXT;
    END $$;

    SELECT microposts_rebuild_counters();
  `.execute(db);
}
