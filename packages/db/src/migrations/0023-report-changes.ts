import { sql, type Kysely } from 'kysely';

// The moderation page through the read cache (issue 9): any change to the reports table — a report
// filed, resolved, or deleted with its account — announces `r:reports` on the channel of migration
// 0008, so every web process drops the pages of reports it keeps (docs/caching.md). One key for the
// whole table: reports change rarely, and a page depends on its neighbours (the open count, the
// cursor). A statement trigger, so a suspension resolving many reports announces once.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION reports_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM microposts_changed('r:reports');
      RETURN NULL;
    END $$;
    CREATE TRIGGER reports_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON reports
      FOR EACH STATEMENT EXECUTE FUNCTION reports_changed();
  `.execute(db);
}
