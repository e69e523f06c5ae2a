// Reports for the moderation page scenario, made with SQL from the loaded statuses (after the bulk
// load, so the foreign keys are there): the newest statuses' authors reported by other accounts,
// every other report already dismissed, and the light account a moderator who reads the queue.
import type pg from 'pg';

/** Reports seeded: half open, half resolved. */
export const SEEDED_REPORTS = 2000;

/** Makes `moderatorId` a moderator and writes the reports; returns how many. */
export async function seedReports(client: pg.Client, moderatorId: string): Promise<number> {
  await client.query(`UPDATE accounts SET role = 'moderator' WHERE id = $1`, [moderatorId]);
  const { rowCount } = await client.query(
    `INSERT INTO reports (account_id, target_account_id, category, comment, status_ids, created_at,
                          resolved_at, resolved_by_account_id, resolution)
     SELECT reporter.id, s.account_id, (ARRAY['spam', 'legal', 'other'])[1 + s.n % 3],
            'Reported for the benchmark, number ' || s.n, ARRAY[s.id], s.created_at,
            CASE WHEN s.n % 2 = 0 THEN s.created_at END,
            CASE WHEN s.n % 2 = 0 THEN $1::bigint END,
            CASE WHEN s.n % 2 = 0 THEN 'dismissed' END
     FROM (SELECT id, account_id, created_at, row_number() OVER (ORDER BY id DESC) AS n
           FROM statuses WHERE account_id <> $1 ORDER BY id DESC LIMIT $2) s
     CROSS JOIN LATERAL (
       SELECT id FROM accounts WHERE id NOT IN (s.account_id, $1) ORDER BY id LIMIT 1 OFFSET s.n % 50
     ) reporter`,
    [moderatorId, SEEDED_REPORTS],
  );
  await client.query('VACUUM (ANALYZE) reports');
  return rowCount ?? 0;
}
