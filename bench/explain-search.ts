// `node bench/explain-search.ts`: seeds a throw-away embedded PostgreSQL with the bench seeder (defaults
// here: 5,000 accounts, 100,000 statuses; BENCH_* variables as for `npm run bench`) and prints EXPLAIN ANALYZE of the tag timeline and of each search, run through the
// repositories' real queries. docs/search.md records a run.
import { withExplainDatabase } from './explain-support.ts';
import { seedSizes } from './seed/index.ts';

const sizes = seedSizes({ BENCH_ACCOUNTS: '5000', BENCH_STATUSES: '100000', ...process.env });

await withExplainDatabase(
  'microposts-explain-search-',
  sizes,
  async ({ client, repos, captured, explain }) => {
    await client.query('VACUUM ANALYZE');
    const counts = (
      await client.query(
        `SELECT (SELECT count(*) FROM statuses) AS statuses, (SELECT count(*) FROM accounts) AS accounts,
              (SELECT count(*) FROM tags) AS tags, (SELECT count(*) FROM status_tags) AS status_tags`,
      )
    ).rows[0];
    console.log('counts', counts);

    const timed = async (title: string, run: () => Promise<unknown[]>) => {
      for (let i = 0; i < 3; i++) await run(); // warm the cache
      captured.length = 0;
      const t = performance.now();
      const got = await run();
      const ms = (performance.now() - t).toFixed(1);
      console.log(`\n## ${title}: ${got.length} rows in ${ms} ms end to end through the repository`);
      await explain(title, captured.at(-1)!);
    };
    const coffee = (await repos.tags.findByName('coffee'))!;
    const page = { limit: 20, offset: 0 };
    await timed('tag timeline #coffee, first page', () => repos.timelines.tag(coffee.id, { limit: 20 }));
    const first = await repos.timelines.tag(coffee.id, { limit: 20 });
    const deep = await repos.timelines.tag(coffee.id, { limit: 20, maxId: first.at(-1)!.id });
    await timed('tag timeline #coffee, next page (max_id)', () =>
      repos.timelines.tag(coffee.id, { limit: 20, maxId: deep.at(-1)!.id }),
    );
    await timed('search statuses "coffee" (a very common word: in about half the statuses)', () =>
      repos.search.statuses('coffee', page),
    );
    await timed('search statuses "coffee", page 3 (offset 40)', () =>
      repos.search.statuses('coffee', { limit: 20, offset: 40 }),
    );
    await timed('search statuses "tomato" (the rarest seeded word: about 2% of statuses)', () =>
      repos.search.statuses('tomato', page),
    );
    await timed('search statuses "\\"rain and coffee\\"" (a phrase)', () =>
      repos.search.statuses('"rain and coffee"', page),
    );
    await timed('search statuses "zebra" (no match)', () => repos.search.statuses('zebra', page));
    await timed('search accounts "user123" (username prefix)', () => repos.search.accounts('user123', page));
    await timed('search accounts "bench user 42" (display name prefix)', () =>
      repos.search.accounts('bench user 42', page),
    );
    await timed('search accounts "user 4242" (a later word of the display name)', () =>
      repos.search.accounts('user 4242', page),
    );
    await timed('search hashtags "co" (prefix)', () => repos.tags.search('co', page));
  },
);
