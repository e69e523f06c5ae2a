// The processes the benchmark starts (web, reference, worker): spawn, wait until ready, read memory, stop.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface Memory {
  /** Resident set now (VmRSS) and its peak since start (VmHWM), MiB. */
  rss: number;
  peak: number;
}

export interface Running {
  name: string;
  pid: number;
  /** Base URL (http://127.0.0.1:port), for servers. */
  url: string;
  memory(): Memory;
  /** CPU time used so far (user + system), ms. */
  cpuMs(): number;
  stop(): Promise<void>;
}

/** /proc/<pid>/status memory figures in MiB. */
export function memoryOf(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rss: Math.round(kib('VmRSS') / 1024), peak: Math.round(kib('VmHWM') / 1024) };
}

/** CPU time (user + system) of a process so far, ms, from /proc/<pid>/stat (clock ticks of 10 ms). */
export function cpuMsOf(pid: number): number {
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * CPU time (user + system) so far of a PostgreSQL server's backends and helpers, ms: the children of
 * the postmaster whose pid heads <dataDir>/postmaster.pid (other servers on the machine not counted;
 * and, through the postmaster's cutime/cstime, those that have exited since).
 */
export function postgresCpuMsOf(dataDir: string): number {
  const postmaster = readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]!.trim();
  const own = readFileSync(`/proc/${postmaster}/stat`, 'utf8').split(') ')[1]!.split(' ');
  let total = (Number(own[13]) + Number(own[14])) * 10;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ');
      if (fields[1] === postmaster) total += (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

const running = new Set<ChildProcess>();
/** Stops every process still running (on a failed run). */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((c) => stopChild(c)));
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts `node file` with env; when `health` is given, waits until GET url+health answers 2xx.
 * The process's own output goes to ours, prefixed, so a crash is visible in the run's log.
 */
export async function startNode(
  name: string,
  file: string,
  env: NodeJS.ProcessEnv,
  options: { url?: string; health?: string; timeoutMs?: number; nodeArgs?: string[] } = {},
): Promise<Running> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), file], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let exited: string | null = null;
  child.once('exit', (code, signal) => {
    running.delete(child);
    exited = signal ?? `exit code ${code}`;
  });
  for (const stream of [child.stdout!, child.stderr!]) {
    let rest = '';
    stream.on('data', (d: Buffer) => {
      const lines = (rest + d.toString()).split('\n');
      rest = lines.pop()!;
      for (const line of lines) if (line.trim()) console.error(`[${name}] ${line}`);
    });
  }
  const url = options.url ?? '';
  if (options.health) {
    const deadline = Date.now() + (options.timeoutMs ?? 60_000);
    for (;;) {
      if (exited) throw new Error(`${name} stopped while starting (${exited})`);
      try {
        if ((await fetch(url + options.health)).ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`${name} did not answer ${options.health} in time`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    name,
    pid: child.pid!,
    url,
    memory: () => memoryOf(child.pid!),
    cpuMs: () => cpuMsOf(child.pid!),
    stop: () => stopChild(child),
  };
}
