// Starts the real processes (web, worker) for end-to-end tests and stops them when the file ends.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '@microposts/db';
import { TEST_SECRET_KEY } from './secret.ts';
import { onTeardown } from './teardown.ts';
import { DEADLINE_MS, waitFor } from './wait.ts';

export interface RunningProcess {
  child: ChildProcess;
  output: () => string;
  /** Sends the signal and waits for the exit; a process still running after the deadline is killed. */
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
  const running = () => child.exitCode === null && child.signalCode === null;
  const proc: RunningProcess = {
    child,
    output: () => out,
    async stop(signal = 'SIGTERM') {
      if (running()) child.kill(signal);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), DEADLINE_MS)));
      const outcome = await Promise.race([exited, late]);
      clearTimeout(timer);
      if (outcome === 'late') {
        child.kill('SIGKILL');
        await exited;
        throw new Error(`${entry} did not exit within ${DEADLINE_MS / 1000} s of ${signal}:\n${out}`);
      }
    },
  };
  onTeardown(`stop ${entry}`, () => proc.stop());
  return proc;
}

/** A temporary DATA_DIR, removed when the file ends (after the process using it has stopped). */
function dataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'microposts-data-'));
  onTeardown(`remove ${dir}`, () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Starts the web process on a free port against the database URL and waits until it answers. */
export async function startWeb(databaseUrl: string, env: Record<string, string> = {}): Promise<WebProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = spawnProcess('apps/web/src/main.ts', {
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    PUBLIC_URL: url,
    DATA_DIR: dataDir(),
    SECRET_KEY: TEST_SECRET_KEY,
    MENTION_EMAIL_DELAY: '0',
    ...env,
  });
  const ready = await waitFor(async () => {
    if (proc.child.exitCode !== null) return 'exited';
    return (await fetch(`${url}/health`)).ok && 'answers';
  }, 'the web process to answer');
  if (ready === 'exited') throw new Error(`the web process exited:\n${proc.output()}`);
  return { ...proc, url };
}

/** Starts a worker process (apps/worker/src/main.ts) against the database URL; it runs until stopped. */
export function startWorker(databaseUrl: string, env: Record<string, string> = {}): RunningProcess {
  return spawnProcess('apps/worker/src/main.ts', {
    DATABASE_URL: databaseUrl,
    PUBLIC_URL: 'http://127.0.0.1:3000',
    DATA_DIR: dataDir(),
    SECRET_KEY: TEST_SECRET_KEY,
    MENTION_EMAIL_DELAY: '0',
    ...env,
  });
}
