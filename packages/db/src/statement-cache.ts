import type { PostgresPool } from 'kysely';
import type pg from 'pg';

/**
 * Each pooled connection keeps up to `capacity` of the statements Kysely sends as named prepared
 * statements, as pgx and postgres.js do by default: PostgreSQL then parses a statement once per
 * connection, and after five runs plans it once too when a generic plan costs no more (its
 * plan_cache_mode). Kysely sends unnamed statements only, and for our short writes and
 * primary-key reads planning cost more than running (docs/performance.md). Statements without
 * parameters (BEGIN, COMMIT, SET …) stay unnamed; past the capacity, new texts run unnamed, so a
 * text built with a varying number of placeholders cannot grow a connection's cache without bound.
 * A migration that changes what a prepared statement returns (a column added under `SELECT *`)
 * makes PostgreSQL refuse it once ("cached plan must not change result type"); the text then gets a
 * new name, so the next run prepares it afresh.
 */
const STALE_PLAN = 'cached plan must not change result type';

export function preparingPool(pool: pg.Pool, capacity: number): PostgresPool {
  const names = new Map<string, string>();
  const wrapped = new WeakSet<pg.PoolClient>();
  let made = 0;
  const nameOf = (text: string): string | undefined => {
    let name = names.get(text);
    if (name === undefined && names.size < capacity) {
      name = `microposts:${made++}`;
      names.set(text, name);
    }
    return name;
  };
  return {
    async connect() {
      const client = await pool.connect();
      if (wrapped.has(client)) return client;
      wrapped.add(client);
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as { query: unknown }).query = (config: unknown, values?: unknown, ...rest: unknown[]) => {
        if (typeof config !== 'string' || !Array.isArray(values) || values.length === 0 || rest.length > 0)
          return query(config, values, ...rest);
        const name = nameOf(config);
        if (name === undefined) return query(config, values);
        return (query({ name, text: config, values }) as Promise<unknown>).catch((error: unknown) => {
          if ((error as { message?: unknown }).message === STALE_PLAN && names.get(config) === name)
            names.set(config, `microposts:${made++}`);
          throw error;
        });
      };
      return client;
    },
    end: () => pool.end(),
    options: pool.options,
    // Kysely cancels a query through a connection of this class (the pool's own)
    Client: (pool as unknown as Pick<PostgresPool, 'Client'>).Client,
  };
}
