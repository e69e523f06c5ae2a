import pg from 'pg';
import { isDatabaseUnavailable } from '../availability.ts';
import type { LevelLogger } from './worker-logger.ts';

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
