import { sql, type Kysely } from 'kysely';

// Filters v2 (issue 11 item 8), as Mastodon's custom_filters, custom_filter_keywords and
// custom_filter_statuses: a person's filter has a title, the contexts it applies in, an action
// (`warn` or `hide`), an optional end, and keywords and statuses that make it match.
// Any change to a person's filters — a filter, a keyword or a filtered status written or removed,
// a filtered status deleted with its status — announces on the change feed (migration 0008):
//   cf:<account>          the read cache's copy of the person's filters (per viewer, never shared)
//   e:filters:<account>   the streaming API's `filters_changed` event to the person's `user` stream
// pg_notify folds identical announcements of one transaction into one, so a filter written with
// ten keywords is one event.
// Direct conversations (migration 0010) announce, for the streaming API's `conversation` event:
//   e:conv:<account conversation id>:<account>   a direct status joined the account's conversation
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE filters (
      id bigint PRIMARY KEY DEFAULT next_id(),
      account_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
      title text NOT NULL,
      context text[] NOT NULL,
      action text NOT NULL DEFAULT 'warn' CHECK (action IN ('warn', 'hide')),
      expires_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    -- a person's filters, in the order made
    CREATE INDEX filters_account_id_id ON filters (account_id, id);

    CREATE TABLE filter_keywords (
      id bigint PRIMARY KEY DEFAULT next_id(),
      filter_id bigint NOT NULL REFERENCES filters ON DELETE CASCADE,
      keyword text NOT NULL,
      whole_word boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX filter_keywords_filter_id_id ON filter_keywords (filter_id, id);

    CREATE TABLE filter_statuses (
      id bigint PRIMARY KEY DEFAULT next_id(),
      filter_id bigint NOT NULL REFERENCES filters ON DELETE CASCADE,
      status_id bigint NOT NULL REFERENCES statuses ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    -- a status once per filter
    CREATE UNIQUE INDEX filter_statuses_filter_id_status_id ON filter_statuses (filter_id, status_id);
    -- the cascade when a status is deleted
    CREATE INDEX filter_statuses_status_id ON filter_statuses (status_id);

    CREATE FUNCTION filters_announce(account bigint) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      -- A keyword removed with its filter no longer finds the filter: the filter's own row announced.
      IF account IS NOT NULL THEN
        PERFORM microposts_changed('cf:' || account);
        PERFORM microposts_changed('e:filters:' || account);
      END IF;
    END $$;

    CREATE FUNCTION filters_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        PERFORM filters_announce(OLD.account_id);
      ELSE
        PERFORM filters_announce(NEW.account_id);
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER filters_changed AFTER INSERT OR UPDATE OR DELETE ON filters
      FOR EACH ROW EXECUTE FUNCTION filters_changed();

    CREATE FUNCTION filter_rules_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      fid bigint;
    BEGIN
      IF TG_OP = 'DELETE' THEN fid := OLD.filter_id; ELSE fid := NEW.filter_id; END IF;
      PERFORM filters_announce((SELECT account_id FROM filters WHERE id = fid));
      RETURN NULL;
    END $$;
    CREATE TRIGGER filter_keywords_changed AFTER INSERT OR UPDATE OR DELETE ON filter_keywords
      FOR EACH ROW EXECUTE FUNCTION filter_rules_changed();
    CREATE TRIGGER filter_statuses_changed AFTER INSERT OR UPDATE OR DELETE ON filter_statuses
      FOR EACH ROW EXECUTE FUNCTION filter_rules_changed();

    CREATE FUNCTION account_conversations_stream_events() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' OR OLD.last_status_id IS DISTINCT FROM NEW.last_status_id THEN
        PERFORM microposts_changed('e:conv:' || NEW.id || ':' || NEW.account_id);
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER account_conversations_stream_events AFTER INSERT OR UPDATE ON account_conversations
      FOR EACH ROW EXECUTE FUNCTION account_conversations_stream_events();
  `.execute(db);
}
