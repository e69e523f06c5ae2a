// `node bench/explain-timelines.ts`: seeds a throw-away embedded PostgreSQL with the bench seeder
// (defaults here: 5,000 accounts, 200,000 statuses; BENCH_* variables as for `npm run bench`) and prints
// EXPLAIN ANALYZE of the home timeline for the seeded account following BENCH_HEAVY_FOLLOWS (2,500 here)
// accounts and for one following a few quiet accounts, plus the other social reads. docs/performance.md
// records a run.
import { withExplainDatabase } from './explain-support.ts';
import { seedSizes } from './seed/index.ts';

const sizes = seedSizes({
  BENCH_ACCOUNTS: '5000',
  BENCH_STATUSES: '200000',
  BENCH_HEAVY_FOLLOWS: '2500',
  ...process.env,
});

await withExplainDatabase(
  'microposts-explain-',
  sizes,
  async ({ client, repos, captured, explain, fixtures }) => {
    const one = async (q: string, p: unknown[] = []) => (await client.query(q, p)).rows[0];
    // "heavy": the seeded account following BENCH_HEAVY_FOLLOWS; "sparse": follows 3 accounts that posted once, long ago.
    const heavy = fixtures.named.heavy.id;
    const sparse = (
      await one(
        `INSERT INTO accounts (username, email, password_hash) VALUES ('sparse', 'sparse@x', 'x') RETURNING id`,
      )
    ).id as string;
    const quiet = await client.query(
      `INSERT INTO accounts (username, email, password_hash)
     SELECT 'quiet' || g, 'quiet' || g || '@x', 'x' FROM generate_series(1, 3) g RETURNING id`,
    );
    for (const { id } of quiet.rows) {
      await client.query(
        `INSERT INTO statuses (id, account_id, text, html, visibility, created_at)
       VALUES (((floor(extract(epoch FROM now() - interval '40 days') * 1000))::bigint << 16) | $2, $1, 'old', '<p>old</p>', 'public', now() - interval '40 days')`,
        [id, Number(BigInt(id) % 60000n)],
      );
      await client.query(`INSERT INTO follows (account_id, target_account_id) VALUES ($1, $2)`, [sparse, id]);
    }
    await client.query('VACUUM ANALYZE');
    const counts = await one(
      `SELECT (SELECT count(*) FROM statuses) AS statuses, (SELECT count(*) FROM accounts) AS accounts,
            (SELECT count(*) FROM follows) AS follows,
            (SELECT count(*) FROM follows WHERE account_id = $1) AS heavy_follows`,
      [heavy],
    );
    console.log('counts', counts);

    const page = { limit: 20 };
    const home = async (who: string, id: string) => {
      for (const [label, p] of [
        ['first page', page],
        [
          'next page (max_id)',
          { limit: 20, maxId: (await repos.timelines.home(id, page)).at(-1)?.id ?? '0' },
        ],
      ] as const) {
        captured.length = 0;
        const t = performance.now();
        const got = await repos.timelines.home(id, p);
        console.log(
          `\n## home timeline, ${label}, ${who}: ${got.length} statuses in ${(performance.now() - t).toFixed(1)} ms (${captured.length} queries, end to end through the repository)`,
        );
        for (const [i, q] of captured.entries())
          await explain(`home timeline, ${label}, ${who}, query ${i + 1} of ${captured.length}`, q, 3);
      }
    };
    await home('heavy (follows ' + counts.heavy_follows + ')', heavy);
    await home('sparse (follows 3 quiet accounts)', sparse);
    // Then both follow hashtags too (tag_follows; migration 0022 puts their statuses in the home):
    // heavy the 3 busiest, sparse a quiet one and the busiest.
    const busiest = (
      await client.query(`SELECT tag_id FROM status_tags GROUP BY tag_id ORDER BY count(*) DESC LIMIT 3`)
    ).rows.map((r: { tag_id: string }) => r.tag_id);
    const quietest = (
      await one(`SELECT tag_id FROM status_tags GROUP BY tag_id ORDER BY count(*), tag_id LIMIT 1`)
    ).tag_id as string;
    for (const [account, tag] of [
      ...busiest.map((t) => [heavy, t]),
      [sparse, quietest],
      [sparse, busiest[0]],
    ])
      await client.query(`INSERT INTO tag_follows (account_id, tag_id) VALUES ($1, $2)`, [account, tag]);
    await client.query('VACUUM ANALYZE');
    await home('heavy (follows ' + counts.heavy_follows + ' and the 3 busiest hashtags)', heavy);
    await home('sparse (3 quiet accounts, a quiet and the busiest hashtag)', sparse);
    for (const [title, run] of [
      ['public timeline', () => repos.timelines.public(page, heavy)],
      ['following list', () => repos.follows.following(heavy, { limit: 40 })],
      ['notifications', () => repos.notifications.list(heavy, { limit: 40 })],
      ['unread count', () => repos.notifications.unreadCount(heavy)],
      ['account with its counters', () => repos.accounts.findById(heavy)],
    ] as const) {
      captured.length = 0;
      await run();
      await explain(title, captured[0]!, 3);
    }
  },
);
