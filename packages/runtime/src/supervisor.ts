// Keeps the processes of `npm start` running: a process that stops on its own is started again after
// a pause that doubles each time, and only a process that keeps failing (maxRestarts within
// windowMs) stops everything, as systemd's Restart=always with a start limit would.
import { spawn, type ChildProcess } from 'node:child_process';

export interface ProcessSpec {
  /** How the process is called in messages: "web 1", "worker". */
  name: string;
  /** The script to run with this Node.js. */
  entry: string;
  /** Node.js options before the script (WEB_NODE_ARGS for web processes). */
  nodeArgs?: readonly string[];
  env: NodeJS.ProcessEnv;
}

export interface SupervisorOptions {
  log(line: string): void;
  /** Called once when a process failed too often; the supervisor has stopped the others by then. */
  onGiveUp(name: string): void;
  maxRestarts?: number;
  windowMs?: number;
  /** The first pause before a restart; it doubles with each restart in the window (at most 16 times). */
  firstDelayMs?: number;
}

export interface Supervisor {
  /** The running processes' ids by name (for the start-up output and tests). */
  pids(): Record<string, number | undefined>;
  /** Sends the signal (SIGTERM: drain first; SIGINT: at once) to every process and waits until all have exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts every process and restarts those that stop; see the file comment. */
export function supervise(specs: ProcessSpec[], options: SupervisorOptions): Supervisor {
  const maxRestarts = options.maxRestarts ?? 5;
  const windowMs = options.windowMs ?? 60_000;
  const firstDelayMs = options.firstDelayMs ?? 1000;
  const running = new Map<string, ChildProcess>();
  const restarts = new Map<string, number[]>();
  const timers = new Set<NodeJS.Timeout>();
  let stopping = false;

  function start(spec: ProcessSpec): void {
    const child = spawn(process.execPath, [...(spec.nodeArgs ?? []), spec.entry], {
      env: spec.env,
      stdio: 'inherit',
    });
    running.set(spec.name, child);
    child.once('exit', (code, signal) => {
      if (running.get(spec.name) === child) running.delete(spec.name);
      if (stopping) return;
      const now = Date.now();
      const recent = (restarts.get(spec.name) ?? []).filter((t) => now - t < windowMs);
      const how = signal ? `was killed (${signal})` : `stopped (exit code ${code})`;
      if (recent.length >= maxRestarts) {
        options.log(
          `The ${spec.name} process ${how} after ${maxRestarts} restarts within ${windowMs / 1000} s; stopping everything.`,
        );
        void stopAll().then(() => options.onGiveUp(spec.name));
        return;
      }
      recent.push(now);
      restarts.set(spec.name, recent);
      const delay = firstDelayMs * 2 ** Math.min(recent.length - 1, 4);
      options.log(`The ${spec.name} process ${how}; starting it again in ${delay / 1000} s.`);
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (stopping) return;
        start(spec);
        options.log(`Started the ${spec.name} process again (pid ${running.get(spec.name)?.pid}).`);
      }, delay);
      timers.add(timer);
    });
  }

  async function stopAll(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    stopping = true;
    for (const timer of timers) clearTimeout(timer);
    await Promise.all(
      [...running.values()].map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill(signal);
          }),
      ),
    );
  }

  for (const spec of specs) start(spec);
  return {
    pids: () => Object.fromEntries(specs.map((s) => [s.name, running.get(s.name)?.pid])),
    stop: stopAll,
  };
}
