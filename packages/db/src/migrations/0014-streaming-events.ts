import { sql, type Kysely } from 'kysely';

// Events for the streaming API (issue 12 item 5), announced on the same channel as the cache keys of
// migration 0008 (`microposts_changes`), so each web process hears them on the one LISTEN connection
// it already has. pg_notify is transactional: a key is heard only once its write has committed, by
// every process. The keys say what happened and to whom; the streams read the rows themselves, as
// each subscriber (visibility is the reader's business, not the trigger's):
//   e:new:<status id>                      a status was posted
//   e:edit:<status id>                     a status's text was edited
//   e:del:<status id>:<author id>:<visibility>  a status was deleted (the row is gone: who could have
//                                          seen it travels in the key)
//   e:note:<notification id>:<account id>  a notification was made for the account
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION statuses_stream_events() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        PERFORM microposts_changed('e:new:' || NEW.id);
      ELSIF TG_OP = 'DELETE' THEN
        PERFORM microposts_changed('e:del:' || OLD.id || ':' || OLD.account_id || ':' || OLD.visibility);
      ELSIF OLD.text IS DISTINCT FROM NEW.text OR OLD.edited_at IS DISTINCT FROM NEW.edited_at THEN
        PERFORM microposts_changed('e:edit:' || NEW.id);
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER statuses_stream_events AFTER INSERT OR UPDATE OR DELETE ON statuses
      FOR EACH ROW EXECUTE FUNCTION statuses_stream_events();

    CREATE FUNCTION notifications_stream_events() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM microposts_changed('e:note:' || NEW.id || ':' || NEW.account_id);
      RETURN NULL;
    END $$;
    CREATE TRIGGER notifications_stream_events AFTER INSERT ON notifications
      FOR EACH ROW EXECUTE FUNCTION notifications_stream_events();
  `.execute(db);
}
