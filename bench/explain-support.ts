// What the EXPLAIN scripts (explain-search.ts, explain-timelines.ts) share: a throw-away embedded
// PostgreSQL, migrated and seeded, and the repositories' real queries captured for EXPLAIN ANALYZE.
import pg from 'pg';
import { connect, migrate, repositories, startTemporaryPostgres, type Db } from '@microposts/db';
import { seed, type Fixtures, type SeedSizes } from './seed/index.ts';

export interface CompiledQuery {
  sql: string;
  parameters: readonly unknown[];
}

export interface ExplainDatabase {
  db: Db;
  client: pg.Client;
  /** The repositories on `db`; every query they run is compiled into `captured` as it runs. */
  repos: ReturnType<typeof repositories>;
  captured: CompiledQuery[];
  /** Whom and what the seed made for the scenarios (named accounts, a thread, a tag…). */
  fixtures: Fixtures;
  /** Prints EXPLAIN (ANALYZE, BUFFERS) of a query under a heading, after running it `warmRuns` times. */
  explain(title: string, q: CompiledQuery, warmRuns?: number): Promise<void>;
}

/** Seeds a throw-away database with `sizes`, runs `body` on it, then stops and removes it. */
export async function withExplainDatabase(
  dirPrefix: string,
  sizes: SeedSizes,
  body: (e: ExplainDatabase) => Promise<void>,
): Promise<void> {
  const server = await startTemporaryPostgres(dirPrefix, 'explain');
  try {
    const db = connect(server.url, { max: 2 });
    await migrate(db);
    const seeded = await seed(server.url, sizes);
    console.log(`seeded in ${seeded.seconds.toFixed(1)} s`, seeded.rows);
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();

    // The repositories' real queries, captured by compiling them through Kysely.
    const captured: CompiledQuery[] = [];
    const repos = repositories(
      db.withPlugin({
        transformQuery(a) {
          captured.push(db.getExecutor().compileQuery(a.node, a.queryId));
          return a.node;
        },
        transformResult: async (a) => a.result,
      }),
    );
    const explain = async (title: string, q: CompiledQuery, warmRuns = 0) => {
      for (let i = 0; i < warmRuns; i++) await client.query(q.sql, q.parameters as unknown[]);
      const { rows } = await client.query(
        `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${q.sql}`,
        q.parameters as unknown[],
      );
      console.log(`\n### ${title}\n`);
      console.log(rows.map((r) => r['QUERY PLAN']).join('\n'));
    };

    try {
      await body({ db, client, repos, captured, explain, fixtures: seeded.fixtures });
    } finally {
      // Closed before the server stops, so a failure in `body` is reported rather than a lost connection.
      await client.end();
      await db.destroy();
    }
  } finally {
    await server.stop();
  }
}
