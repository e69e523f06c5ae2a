// Seeds a database with a realistic volume of data in a few set-based statements.
// Ids are built from each row's created_at (ms << 16 | n) exactly as next_id() would have made them,
// so pagination and time order behave as in production.
import pg from 'pg';
import { hashPassword } from '@microposts/core';

export interface SeedOptions {
  accounts: number;
  statuses: number;
  /** How many accounts each account follows (if the follows table exists). */
  follows: number;
  /** Spread statuses over this many days before now. */
  days?: number;
}

export const BENCH_PASSWORD = 'bench password 123';

const WORDS = [
  'coffee',
  'morning',
  'release',
  'postgres',
  'music',
  'weekend',
  'garden',
  'train',
  'rain',
  'launch',
  'bug',
  'deploy',
  'review',
  'lunch',
  'book',
  'movie',
  'walk',
  'city',
  'ocean',
  'design',
];

/** Fills the database at url; returns the counts written. */
export async function seed(url: string, o: SeedOptions): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const days = o.days ?? 30;
  const has = async (table: string) =>
    (await client.query('SELECT to_regclass($1) IS NOT NULL AS ok', [table])).rows[0].ok as boolean;
  try {
    await client.query('BEGIN');
    const hash = await hashPassword(BENCH_PASSWORD);
    await client.query(
      `INSERT INTO accounts (id, username, email, password_hash, display_name, created_at)
       SELECT ((floor(extract(epoch FROM t) * 1000))::bigint << 16) | g, 'user' || g, 'user' || g || '@bench.example',
              $1, 'Bench User ' || g, t
       FROM generate_series(1, $2::int) g, LATERAL (SELECT now() - interval '1 day' * ($3::int + 1) + g * interval '1 ms') x(t)`,
      [hash, o.accounts, days],
    );
    const words = `ARRAY[${WORDS.map((w) => `'${w}'`).join(',')}]`;
    await client.query(
      `INSERT INTO statuses (id, account_id, text, html, visibility, created_at)
       SELECT ((floor(extract(epoch FROM t) * 1000))::bigint << 16) | (g % 65536), a.id, txt, '<p>' || txt || '</p>',
              CASE WHEN g % 10 = 0 THEN 'unlisted' ELSE 'public' END, t
       FROM generate_series(1, $1::int) g
       CROSS JOIN LATERAL (SELECT now() - interval '1 day' * $2::int * (1 - g::float8 / $1::int) AS t) x
       CROSS JOIN LATERAL (SELECT id FROM accounts WHERE username = 'user' || (1 + (g::bigint * 7919) % $3::int)) a
       CROSS JOIN LATERAL (SELECT 'Post ' || g || ' about ' || (${words})[1 + g % 20] || ' and ' ||
              (${words})[1 + (g / 20) % 20] || ' #' || (${words})[1 + (g / 7) % 20] AS txt) y`,
      [o.statuses, days, o.accounts],
    );
    const counts: Record<string, number> = { accounts: o.accounts, statuses: o.statuses };
    if (await has('follows')) {
      const r = await client.query(
        `INSERT INTO follows (account_id, target_account_id, created_at)
         SELECT a.id, b.id, now() FROM accounts a
         CROSS JOIN LATERAL generate_series(1, least($1::int, $2::int - 1)) k
         JOIN accounts b ON b.username = 'user' || (1 + (substr(a.username, 5)::int + k * 31) % $2::int)
         WHERE a.username LIKE 'user%' AND b.id <> a.id
         ON CONFLICT DO NOTHING`,
        [o.follows, o.accounts],
      );
      counts.follows = r.rowCount ?? 0;
    }
    if ((await has('tags')) && (await has('status_tags'))) {
      await client.query(`INSERT INTO tags (name) SELECT unnest(${words}) ON CONFLICT DO NOTHING`);
      const r = await client.query(
        `INSERT INTO status_tags (status_id, tag_id)
         SELECT s.id, t.id FROM statuses s JOIN tags t ON t.name = substring(s.text from '#(\\w+)$')
         ON CONFLICT DO NOTHING`,
      );
      counts.status_tags = r.rowCount ?? 0;
    }
    await client.query('COMMIT');
    await client.query('ANALYZE');
    return counts;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    await client.end();
  }
}
