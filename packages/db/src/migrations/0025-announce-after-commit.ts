import { sql, type Kysely } from 'kysely';

// Announcements after the commit (issue 9: writes). PostgreSQL serialises the commits of every
// transaction that called pg_notify: it takes one lock on the notification queue before the commit
// and holds it through the commit record's WAL flush, so no two notifying commits share a flush.
// Every write announced its changes (migration 0008's triggers) and its jobs (graphile-worker's
// add_job), so the writes of the whole server committed one at a time, at the disk's flush rate.
//
// Now a unit-of-work transaction (packages/db/src/unit-of-work.ts) announces nothing itself:
//   1. it starts with `microposts.changes` set (transaction-local) to a newline: from then on
//      microposts_changed() appends each key to that setting (once) instead of notifying;
//   2. its last statement, microposts_outbox(<uuid>), writes the keys as one row of change_outbox,
//      named by a uuid the writer chose: durable with the write itself;
//   3. after the commit (in the same message as the COMMIT, so no round trip of its own),
//      microposts_announce(<uuid>, <barrier>) sends the row's keys, the barrier and the workers'
//      wake-up. That transaction writes no WAL, so it holds the queue lock for microseconds and
//      waits for no flush; the writing commits flush together (group commit).
// The writer deletes announced rows in batches. A row still there after a few seconds (its writer
// died between the commit and the announcement, or lost its connection) is announced and deleted by
// microposts_sweep_changes(), which every web process's change feed runs every second.
//
// Any other transaction (the CLI, an operator's SQL, the reference server) announces as before, at
// its commit. A transaction that collects more than 16 KiB of keys (some 800: a mass deletion) announces the
// rest directly too: correct, only serialised as before.
//
// Jobs: microposts_enqueue_job() is graphile-worker's add_job (job_key_mode 'unsafe_dedupe', or no
// key) without its pg_notify('jobs:insert'): the job row commits or rolls back with the write, as
// before; a collecting transaction counts its jobs and microposts_announce() wakes the workers after
// the commit (workers also poll, so a lost wake-up delays a job by one poll, never loses it).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE change_outbox (
      id uuid PRIMARY KEY,
      keys text[] NOT NULL,
      created_at timestamptz NOT NULL DEFAULT clock_timestamp()
    );

    CREATE OR REPLACE FUNCTION microposts_changed(key text) RETURNS void LANGUAGE plpgsql AS $$
    DECLARE
      kept text := current_setting('microposts.changes', true);
    BEGIN
      IF kept IS NULL OR kept = '' OR length(kept) > 16384 THEN
        PERFORM pg_notify('microposts_changes', key);
      ELSIF position(E'\\n' || key || E'\\n' IN kept) = 0 THEN
        PERFORM set_config('microposts.changes', kept || key || E'\\n', true);
      END IF;
    END $$;

    CREATE FUNCTION microposts_outbox(outbox_id uuid) RETURNS void LANGUAGE plpgsql AS $$
    DECLARE
      kept text := current_setting('microposts.changes', true);
    BEGIN
      IF kept IS NULL OR kept = '' THEN
        RETURN;
      END IF;
      -- whatever is announced after this (nothing, normally) is announced at the commit
      PERFORM set_config('microposts.changes', '', true);
      IF kept <> E'\\n' THEN
        INSERT INTO change_outbox (id, keys) VALUES (outbox_id, string_to_array(btrim(kept, E'\\n'), E'\\n'));
      END IF;
      -- session-level, so it survives the commit: the jobs to wake the workers for
      PERFORM set_config('microposts.jobs_enqueued',
        coalesce(nullif(current_setting('microposts.jobs', true), ''), '0'), false);
    END $$;

    -- Never fails: a write whose announcement is lost is announced by the sweep.
    CREATE FUNCTION microposts_announce(outbox_id uuid, barrier text) RETURNS void LANGUAGE plpgsql AS $$
    DECLARE
      jobs int := coalesce(nullif(current_setting('microposts.jobs_enqueued', true), ''), '0')::int;
      key text;
    BEGIN
      PERFORM set_config('microposts.jobs_enqueued', '0', false);
      FOR key IN SELECT unnest(keys) FROM change_outbox WHERE id = outbox_id LOOP
        PERFORM pg_notify('microposts_changes', key);
      END LOOP;
      IF barrier IS NOT NULL THEN
        PERFORM pg_notify('microposts_changes', barrier);
      END IF;
      IF jobs > 0 THEN
        PERFORM pg_notify('jobs:insert', '{"r":' || random()::text || ',"count":' || jobs || '}');
      END IF;
    EXCEPTION WHEN OTHERS THEN
      RAISE WARNING 'microposts_announce: %', SQLERRM;
    END $$;

    CREATE FUNCTION microposts_sweep_changes(older_than interval) RETURNS int LANGUAGE plpgsql AS $$
    DECLARE
      swept text[];
      key text;
    BEGIN
      -- rows another sweep or their writer is deleting right now are theirs: never wait on them (the
      -- feed's connection delivers no notification while this runs)
      WITH gone AS (
        DELETE FROM change_outbox WHERE id IN (
          SELECT id FROM change_outbox WHERE created_at < clock_timestamp() - older_than FOR UPDATE SKIP LOCKED)
        RETURNING keys)
      SELECT array_agg(DISTINCT k) INTO swept FROM gone, unnest(gone.keys) AS k;
      FOREACH key IN ARRAY coalesce(swept, '{}') LOOP
        PERFORM pg_notify('microposts_changes', key);
      END LOOP;
      RETURN coalesce(array_length(swept, 1), 0);
    END $$;

    CREATE FUNCTION microposts_enqueue_job(identifier text, payload json, run_at timestamptz,
      max_attempts int, job_key text) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO graphile_worker._private_tasks AS tasks (identifier)
      SELECT microposts_enqueue_job.identifier
      WHERE NOT EXISTS (SELECT 1 FROM graphile_worker._private_tasks AS existing
                        WHERE existing.identifier = microposts_enqueue_job.identifier)
      ON CONFLICT DO NOTHING;
      INSERT INTO graphile_worker._private_jobs AS jobs (task_id, payload, run_at, max_attempts, key, priority)
      SELECT tasks.id, coalesce(microposts_enqueue_job.payload, '{}'::json),
             coalesce(microposts_enqueue_job.run_at, now()),
             coalesce(microposts_enqueue_job.max_attempts::smallint, 25::smallint),
             microposts_enqueue_job.job_key, 0::smallint
      FROM graphile_worker._private_tasks AS tasks
      WHERE tasks.identifier = microposts_enqueue_job.identifier
      -- an existing job with the key stays as it is ('unsafe_dedupe')
      ON CONFLICT (key) DO NOTHING;
      IF coalesce(current_setting('microposts.changes', true), '') <> '' THEN
        PERFORM set_config('microposts.jobs',
          (coalesce(nullif(current_setting('microposts.jobs', true), ''), '0')::int + 1)::text, true);
      ELSE
        PERFORM pg_notify('jobs:insert', '{"r":' || random()::text || ',"count":1}');
      END IF;
    END $$;
  `.execute(db);
}
