import { sql, type Kysely } from 'kysely';

// Lists and followed hashtags in the home timeline (issue 11 item 8).
// - lists: an account's named lists, with Mastodon's `replies_policy` and `exclusive` (members'
//   statuses left out of the home timeline).
// - list_accounts: the members. Each row but the owner's own holds the follow that allows it, and
//   goes with that follow (ON DELETE CASCADE, as Mastodon's list_accounts.follow_id): unfollowing,
//   a block ending the follow, or an account's deletion takes the account out of the lists.
// - The home timeline's cached first page (h:<account>|first, docs/caching.md) depends on the
//   followed hashtags and on the exclusive lists' members: a change of either announces h:<owner>.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE lists (
      id bigint PRIMARY KEY DEFAULT next_id(),
      account_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
      title text NOT NULL CHECK (title <> ''),
      replies_policy text NOT NULL DEFAULT 'list' CHECK (replies_policy IN ('followed', 'list', 'none')),
      exclusive boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    -- an account's lists, oldest first
    CREATE INDEX lists_account_id_id ON lists (account_id, id);

    CREATE TABLE list_accounts (
      id bigint PRIMARY KEY DEFAULT next_id(),
      list_id bigint NOT NULL REFERENCES lists ON DELETE CASCADE,
      account_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
      follow_id bigint REFERENCES follows ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    -- one per (list, account); the list's members paged by account id, as Mastodon pages them
    CREATE UNIQUE INDEX list_accounts_list_id_account_id ON list_accounts (list_id, account_id);
    -- "which of my lists hold this account", and the home timeline's exclusive members
    CREATE INDEX list_accounts_account_id ON list_accounts (account_id);
    -- the cascade from an ended follow
    CREATE INDEX list_accounts_follow_id ON list_accounts (follow_id);

    CREATE FUNCTION lists_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM microposts_changed('h:' || CASE WHEN TG_OP = 'DELETE' THEN OLD.account_id ELSE NEW.account_id END);
      RETURN NULL;
    END $$;
    CREATE TRIGGER lists_changed AFTER UPDATE OR DELETE ON lists
      FOR EACH ROW EXECUTE FUNCTION lists_changed();

    -- (a list deleted with its members has announced its owner already)
    CREATE FUNCTION list_accounts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM microposts_changed('h:' || l.account_id) FROM lists l
        WHERE l.id = CASE WHEN TG_OP = 'DELETE' THEN OLD.list_id ELSE NEW.list_id END;
      RETURN NULL;
    END $$;
    CREATE TRIGGER list_accounts_changed AFTER INSERT OR DELETE ON list_accounts
      FOR EACH ROW EXECUTE FUNCTION list_accounts_changed();

    CREATE FUNCTION tag_follows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM microposts_changed('h:' || CASE WHEN TG_OP = 'DELETE' THEN OLD.account_id ELSE NEW.account_id END);
      RETURN NULL;
    END $$;
    CREATE TRIGGER tag_follows_changed AFTER INSERT OR DELETE ON tag_follows
      FOR EACH ROW EXECUTE FUNCTION tag_follows_changed();
  `.execute(db);
}
