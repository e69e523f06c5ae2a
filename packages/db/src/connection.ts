import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { preparingPool } from './statement-cache.ts';

export type Db = Kysely<Database>;

// The pg pool behind each Kysely instance, for libraries that need a pool of their own (graphile-worker).
const pools = new WeakMap<Db, pg.Pool>();

/** The pg pool a Db made by connect() runs on. */
export function poolOf(db: Db): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error('This Db was not made by connect().');
  return pool;
}

/** Opens a pooled connection to PostgreSQL; bigints stay strings, as ids are strings everywhere. */
export function connect(url: string, options: { max?: number } = {}): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    // An unreachable server (not one that refuses) would otherwise hold requests until TCP gives up.
    connectionTimeoutMillis: 10_000,
  });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  // Same for a checked-out client whose connection drops; the query that used it fails on its own.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool, 512) }) });
  pools.set(db, pool);
  return db;
}
