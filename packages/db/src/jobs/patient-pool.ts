import pg from 'pg';
import { isDatabaseUnavailable } from '../availability.ts';
import type { LevelLogger } from './worker-logger.ts';

// graphile-worker's statements that record a job's outcome (prepared under these names). It sends
// them without handling their failure, so one cut off by a restart would crash the process; they
// only touch this pool's own locked jobs, so running one again is harmless.
const OUTCOME = /^(complete|fail)_jobs?(_q)?\//;

const wrapped = new WeakSet<pg.PoolClient>();

type ConnectCallback = (
  err: Error | undefined,
  client: pg.PoolClient | undefined,
  done: (release?: unknown) => void,
) => void;

/**
 * graphile-worker's pool. Its connect() waits, retrying with backoff, while PostgreSQL is unavailable
 * (restarting, briefly unreachable), so a job that ends during a restart is recorded as done or
 * failed once the database is back, instead of graphile-worker giving up on its worker pool.
 */
class PatientPool extends pg.Pool {
  waitLog: LevelLogger | null = null;
  /** Set when the worker stops: a stop must not wait for a database that may never come back. */
  impatient = false;
  private waiting = 0;

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    if (callback) return super.connect(callback);
    return this.connectWhenUp();
  }

  private async connectWhenUp(): Promise<pg.PoolClient> {
    const client = await this.connectPatiently();
    if (wrapped.has(client)) return client;
    wrapped.add(client);
    const query = client.query.bind(client) as (config: unknown) => Promise<unknown>;
    (client as { query: unknown }).query = (config: unknown, ...rest: unknown[]) => {
      const name = (config as { name?: unknown } | null)?.name;
      if (rest.length > 0 || typeof name !== 'string' || !OUTCOME.test(name))
        return (query as (...args: unknown[]) => unknown)(config, ...rest);
      return query(config).catch((error: unknown) => this.again(config, error));
    };
    return client;
  }

  // An outcome statement cut off with its connection: send it again once the database is back, on
  // a connection of its own (the pool's may all be held by statements in the same plight).
  private async again(config: unknown, error: unknown): Promise<unknown> {
    for (let attempt = 0; attempt < 60; attempt++) {
      if (this.ending || this.impatient || !isDatabaseUnavailable(error)) break;
      await new Promise((r) => setTimeout(r, Math.min(5000, 250 * 2 ** attempt)));
      const fresh = new pg.Client({ connectionString: this.options.connectionString });
      fresh.on('error', () => {});
      try {
        await fresh.connect();
        return await fresh.query(config as pg.QueryConfig);
      } catch (next) {
        error = next;
      } finally {
        await fresh.end().catch(() => {});
      }
    }
    throw error;
  }

  private async connectPatiently(): Promise<pg.PoolClient> {
    for (let attempt = 0; ; attempt++) {
      try {
        const client = await super.connect();
        if (attempt > 0 && --this.waiting === 0)
          this.waitLog?.info({}, 'PostgreSQL is back; the worker carries on');
        return client;
      } catch (error) {
        if (this.ending || this.impatient || !isDatabaseUnavailable(error)) throw error;
        if (attempt === 0 && this.waiting++ === 0)
          this.waitLog?.warn({ err: error }, 'PostgreSQL is unavailable; the worker waits for it');
        await new Promise((r) => setTimeout(r, Math.min(5000, 250 * 2 ** attempt)));
      }
    }
  }
}

/** A pool of `max` connections for graphile-worker that rides out database restarts (see PatientPool). */
export function patientPool(url: string, max: number, log: LevelLogger): pg.Pool & { impatient: boolean } {
  const pool = new PatientPool({ connectionString: url, max, connectionTimeoutMillis: 10_000 });
  pool.waitLog = log;
  // Dropped connections (idle or checked out) must not crash the process; the pool replaces them.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}
