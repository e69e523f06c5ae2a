import { sql, type Kysely } from 'kysely';

// The repair (npm run cli -- counters rebuild) also recomputes the polls' counters (votes per
// option, votes, voters) from poll_votes, which the poll_votes_counters trigger of migration 0021
// keeps in the voting transaction. A function of its own, called next to microposts_rebuild_counters
// in one transaction; returns how many polls it corrected.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION microposts_rebuild_poll_counters() RETURNS bigint LANGUAGE plpgsql AS $$
    DECLARE
      corrected bigint;
    BEGIN
      LOCK TABLE polls, poll_votes IN SHARE MODE;
      UPDATE polls p SET votes_counts = c.votes_counts, votes_count = c.votes_count,
        voters_count = c.voters_count
      FROM (
        SELECT q.status_id,
          ARRAY(SELECT count(v.account_id) FROM generate_subscripts(q.votes_counts, 1) AS i
                LEFT JOIN poll_votes v ON v.poll_id = q.status_id AND (i - 1) = ANY (v.choices)
                GROUP BY i ORDER BY i) AS votes_counts,
          (SELECT coalesce(sum(cardinality(v.choices)), 0) FROM poll_votes v
            WHERE v.poll_id = q.status_id) AS votes_count,
          (SELECT count(*) FROM poll_votes v WHERE v.poll_id = q.status_id) AS voters_count
        FROM polls q
      ) c
      WHERE p.status_id = c.status_id
        AND (p.votes_counts, p.votes_count, p.voters_count)
          IS DISTINCT FROM (c.votes_counts, c.votes_count, c.voters_count);
      GET DIAGNOSTICS corrected = ROW_COUNT;
      RETURN corrected;
    END $$;
  `.execute(db);
}
