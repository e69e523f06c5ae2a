// Starts the real processes (web, worker) for end-to-end tests and stops them when the file ends.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { freePort } from '@microposts/db';
import { TEST_SECRET_KEY } from './secret.ts';

export interface RunningProcess {
  child: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface WebProcess extends RunningProcess {
  url: string;
}

const root = path.resolve(import.meta.dirname, '..', '..');

/** Spawns `node <entry>` with the given environment and collects its output. */
export function spawnProcess(entry: string, env: Record<string, string>): RunningProcess {
  const child = spawn(process.execPath, [path.join(root, entry)], {
    env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const proc: RunningProcess = {
    child,
    output: () => out,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
  after(() => proc.stop());
  return proc;
}

/** Polls until fn returns a truthy value, or fails after the deadline. */
export async function waitFor<T>(
  fn: () => Promise<T> | T,
  what: string,
  timeoutMs = 15000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await fn();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
}

/** Starts the web process on a free port against the database URL and waits until it answers. */
export async function startWeb(databaseUrl: string, env: Record<string, string> = {}): Promise<WebProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = spawnProcess('apps/web/src/main.ts', {
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    PUBLIC_URL: url,
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'microposts-data-')),
    SECRET_KEY: TEST_SECRET_KEY,
    MENTION_EMAIL_DELAY: '0',
    ...env,
  });
  // Generous: on a loaded 2-core machine (CI, or several test files at once) start-up can take 20 s.
  await waitFor(
    async () => {
      if (proc.child.exitCode !== null) throw new Error(`web process exited:\n${proc.output()}`);
      return (await fetch(`${url}/health`)).ok;
    },
    'the web process to answer',
    60_000,
  );
  return { ...proc, url };
}

/** Starts a worker process (apps/worker/src/main.ts) against the database URL; it runs until stopped. */
export function startWorker(databaseUrl: string, env: Record<string, string> = {}): RunningProcess {
  return spawnProcess('apps/worker/src/main.ts', {
    DATABASE_URL: databaseUrl,
    PUBLIC_URL: 'http://127.0.0.1:3000',
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'microposts-data-')),
    SECRET_KEY: TEST_SECRET_KEY,
    MENTION_EMAIL_DELAY: '0',
    ...env,
  });
}
