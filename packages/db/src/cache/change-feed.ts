// What every process hears of every committed change: one LISTEN connection on the channel the
// triggers of migration 0008 notify (`microposts_changes`). PostgreSQL delivers a notification
// only when its transaction commits, in commit order, to every listening process — so a cache that
// drops an entry when its key is heard is never behind a write by more than that delivery.
//
// Hand-written rather than taken from a library because it is small and must do three things the
// listen helpers on npm do not do together: tell a read that raced a change not to cache what it
// read (`changedSince`), say when it cannot hear (disconnected: nothing may be served from cache),
// and forget everything on reconnect (changes made while deaf were missed).
import pg from 'pg';

export const CHANGES_CHANNEL = 'microposts_changes';

/** Keys as the triggers announce them: `s:<id>`, `a:<id>`, `t:public`, or `<prefix>:*` for all of a kind. */
export type ChangeKey = string;

export interface ChangeFeed {
  /** True while the feed is listening; when false, caches must not serve. */
  readonly live: boolean;
  /** A number that grows with every change heard (and every reconnect). */
  readonly version: number;
  /** True when `key` may have changed after `version` was read (conservative: true when unsure). */
  changedSince(key: ChangeKey, version: number): boolean;
  /** Calls `listener` with every key heard, and with '*' when everything must be forgotten. */
  subscribe(listener: (key: ChangeKey) => void): () => void;
  close(): Promise<void>;
}

/** How many recent changes are remembered for `changedSince`; older reads count as changed. */
const REMEMBERED = 8192;

interface Logger {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

/**
 * How often the feed sweeps change rows left unannounced (their writer died between its commit and
 * its announcement, migration 0025), and how old such a row must be: older than any writer takes
 * to announce its own, so the sweep rarely announces a row twice (which would be harmless).
 */
export interface SweepOptions {
  sweepEveryMs?: number;
  sweepOlderThanMs?: number;
}

/** Listens for changes on its own connection, reconnecting with backoff when the connection drops. */
export async function listenForChanges(
  url: string,
  logger?: Logger,
  { sweepEveryMs = 1000, sweepOlderThanMs = 2000 }: SweepOptions = {},
): Promise<ChangeFeed> {
  let version = 1;
  let floor = 1; // reads older than this cannot be vouched for
  let live = false;
  let closed = false;
  let client: pg.Client | null = null;
  const latest = new Map<string, number>(); // key -> version of its last change
  const order: string[] = []; // keys in the order heard, to forget the oldest
  const listeners = new Set<(key: ChangeKey) => void>();

  const heard = (key: ChangeKey) => {
    version++;
    latest.delete(key);
    latest.set(key, version);
    order.push(key);
    if (order.length > REMEMBERED * 2) {
      // Forget the oldest half; reads from before then are treated as changed.
      const dropped = order.splice(0, REMEMBERED);
      for (const k of dropped) if ((latest.get(k) ?? 0) <= version - REMEMBERED) latest.delete(k);
      floor = version - REMEMBERED;
    }
    for (const listener of listeners) listener(key);
  };
  const forgetEverything = () => {
    version++;
    floor = version;
    latest.clear();
    order.length = 0;
    for (const listener of listeners) listener('*');
  };

  let delay = 100;
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (m) => {
      if (m.channel === CHANGES_CHANNEL && m.payload) heard(m.payload);
    });
    c.on('error', () => {}); // reported through 'end'
    c.on('end', () => {
      if (client !== c) return;
      client = null;
      live = false;
      // Whatever was cached may have changed while nobody listened.
      forgetEverything();
      if (!closed) {
        logger?.warn(
          { retryInMs: delay },
          'change feed lost its connection; caches are off until it is back',
        );
        setTimeout(() => void reconnect(), delay);
      }
    });
    await c.connect();
    await c.query(`LISTEN ${CHANGES_CHANNEL}`);
    client = c;
    forgetEverything();
    live = true;
    delay = 100;
  };
  const reconnect = async () => {
    if (closed) return;
    try {
      await connect();
      logger?.info({}, 'change feed listening again');
    } catch {
      delay = Math.min(delay * 2, 5000);
      setTimeout(() => void reconnect(), delay);
    }
  };
  await connect();

  // Every process sweeps; a row is deleted and announced by one of them (the DELETE decides). On a
  // connection of its own: the listening one delivers no notification while it runs a statement.
  let sweeping = false;
  let sweepClient: pg.Client | null = null;
  const sweep = async () => {
    if (!sweepClient) {
      const c = new pg.Client({ connectionString: url });
      c.on('error', () => {}); // the next sweep connects again
      c.on('end', () => {
        if (sweepClient === c) sweepClient = null;
      });
      await c.connect();
      if (closed) return void (await c.end());
      sweepClient = c;
    }
    await sweepClient.query('SELECT microposts_sweep_changes($1::interval)', [
      `${sweepOlderThanMs} milliseconds`,
    ]);
  };
  const sweeper = setInterval(() => {
    if (!live || sweeping) return;
    sweeping = true;
    sweep()
      .catch((error: unknown) => {
        if (!closed) logger?.warn({ err: error }, 'sweeping unannounced changes failed');
      })
      .finally(() => (sweeping = false));
  }, sweepEveryMs);
  sweeper.unref();

  return {
    get live() {
      return live;
    },
    get version() {
      return version;
    },
    changedSince(key, since) {
      if (since < floor) return true;
      const prefix = key.slice(0, key.indexOf(':') + 1);
      return (latest.get(key) ?? 0) > since || (latest.get(`${prefix}*`) ?? 0) > since;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      closed = true;
      clearInterval(sweeper);
      const sc = sweepClient;
      sweepClient = null;
      await sc?.end().catch(() => {});
      live = false;
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    },
  };
}
