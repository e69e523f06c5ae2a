import { sql, type Kysely } from 'kysely';

// Boosts (reblogs, issue 11 item 1), in Mastodon's shape: a boost is a status row of its own (empty
// text, its own id, visibility and time) whose reblog_of_id names the original, so timelines that
// page statuses by id page boosts with them. Deleting the original deletes its boosts (the cascade
// fires the statuses triggers for each boost row, so counters, caches and streams follow).
//
// - status_stats.reblogs_count: kept by the deferred statuses_counters trigger (0008 design), in the
//   transaction of the boost or unboost. A boost counts in its author's statuses_count, as Mastodon's.
// - One boost per (account, original): a unique index, so boosting twice cannot make two rows.
// - follows.show_reblogs: Mastodon's per-follow "show boosts" (POST /api/v1/accounts/:id/follow with
//   `reblogs`); a change announces h:<follower>, the key of its cached home page.
// - r:<account> is announced whenever the account boosts or unboosts anything: the read cache keeps
//   the per-viewer `reblogged` flag under r:<viewer>|<status> (as f: and m:).
// - The `reblog` notification names the original; removing the boost (unboost, delete, an account
//   deletion) removes it, by trigger, whichever way the boost goes.
// - Notification types: Mastodon's reblog and update (a boosted status was edited), and poll (for
//   the polls change), so one constraint names every type the product has.
// - The public timeline leaves boosts out (as Mastodon's PublicFeed): its index is rebuilt without them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE statuses ADD COLUMN reblog_of_id bigint REFERENCES statuses ON DELETE CASCADE;
    -- one boost per account and original; also "who boosted this" and "did the viewer boost it"
    CREATE UNIQUE INDEX statuses_reblog_of_id_account_id ON statuses (reblog_of_id, account_id)
      WHERE reblog_of_id IS NOT NULL;

    DROP INDEX statuses_public_id;
    CREATE INDEX statuses_public_id ON statuses (id DESC)
      WHERE visibility = 'public' AND reblog_of_id IS NULL;

    ALTER TABLE status_stats ADD COLUMN reblogs_count bigint NOT NULL DEFAULT 0;

    ALTER TABLE follows ADD COLUMN show_reblogs boolean NOT NULL DEFAULT true;

    ALTER TABLE notifications DROP CONSTRAINT notifications_type_check;
    ALTER TABLE notifications ADD CONSTRAINT notifications_type_check
      CHECK (type IN ('mention', 'follow', 'favourite', 'reblog', 'poll', 'update'));

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
      IF s.reblog_of_id IS NOT NULL THEN
        UPDATE status_stats SET reblogs_count = reblogs_count + delta WHERE status_id = s.reblog_of_id;
      END IF;
      IF TG_OP = 'DELETE' THEN PERFORM microposts_changed('s:' || s.id); END IF;
      PERFORM microposts_changed('p:' || s.account_id);
      IF s.visibility = 'public' AND s.reblog_of_id IS NULL THEN PERFORM microposts_changed('t:public'); END IF;
      RETURN NULL;
    END $$;

    CREATE FUNCTION reblogs_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' AND OLD.reblog_of_id IS NOT NULL THEN
        PERFORM microposts_changed('r:' || OLD.account_id);
        DELETE FROM notifications n USING statuses o
          WHERE o.id = OLD.reblog_of_id AND n.account_id = o.account_id
            AND n.from_account_id = OLD.account_id AND n.type = 'reblog' AND n.status_id = o.id;
      ELSIF TG_OP = 'INSERT' AND NEW.reblog_of_id IS NOT NULL THEN
        PERFORM microposts_changed('r:' || NEW.account_id);
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER reblogs_changed AFTER INSERT OR DELETE ON statuses
      FOR EACH ROW EXECUTE FUNCTION reblogs_changed();

    CREATE FUNCTION follows_show_reblogs_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM microposts_changed('h:' || NEW.account_id);
      RETURN NULL;
    END $$;
    CREATE TRIGGER follows_show_reblogs_changed AFTER UPDATE OF show_reblogs ON follows
      FOR EACH ROW WHEN (OLD.show_reblogs IS DISTINCT FROM NEW.show_reblogs)
      EXECUTE FUNCTION follows_show_reblogs_changed();

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
      INSERT INTO status_stats (status_id, replies_count, favourites_count, reblogs_count)
      SELECT st.id, coalesce(r.n, 0), coalesce(f.n, 0), coalesce(b.n, 0)
      FROM statuses st
      LEFT JOIN (SELECT in_reply_to_id, count(*) AS n FROM statuses
                 WHERE in_reply_to_id IS NOT NULL AND microposts_counts_reply(visibility) GROUP BY 1) r
        ON r.in_reply_to_id = st.id
      LEFT JOIN (SELECT status_id, count(*) AS n FROM favourites GROUP BY 1) f ON f.status_id = st.id
      LEFT JOIN (SELECT reblog_of_id, count(*) AS n FROM statuses WHERE reblog_of_id IS NOT NULL GROUP BY 1) b
        ON b.reblog_of_id = st.id
      ON CONFLICT (status_id) DO UPDATE SET
        replies_count = EXCLUDED.replies_count, favourites_count = EXCLUDED.favourites_count,
        reblogs_count = EXCLUDED.reblogs_count
      WHERE (status_stats.replies_count, status_stats.favourites_count, status_stats.reblogs_count)
        IS DISTINCT FROM (EXCLUDED.replies_count, EXCLUDED.favourites_count, EXCLUDED.reblogs_count);
      GET DIAGNOSTICS statuses = ROW_COUNT;
      RETURN NEXT;
    END $$;
  `.execute(db);
}
