// Gives the V8 heap's spare pages back to the system once a process has gone idle after work
// (docs/performance.md, "Memory"). V8 keeps the pages a full collection empties in a pool, to reuse
// them, and hands them back only in a memory-reducing collection, which Node.js never asks for: without
// this, a web process stays at the high-water mark of its heap (about 70 MiB of pooled pages after
// the benchmark's pages) for as long as it lives. The release is V8's "last resort" collection (what
// `isolate.LowMemoryNotification()` does: full collections until nothing more is freed, then the pool
// is emptied), 0.1–0.3 s of the main thread, so it runs only when the event loop has been nearly idle
// for a few seconds in a row, once after each busy spell.
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';

export interface IdleReleaseOptions {
  /** How often the event loop's utilisation is sampled. */
  intervalMs?: number;
  /** Utilisation below which a sample counts as idle. */
  idleBelow?: number;
  /** Idle samples in a row before the release. */
  idleSamples?: number;
  /** Called after each release (for the log and tests). */
  onRelease?(ms: number): void;
}

/**
 * Decides, sample by sample, when to release: after `idleSamples` idle samples in a row that follow a
 * busy one. Pure, for tests; `true` means "release now".
 */
export function idleReleaseDecider(idleBelow: number, idleSamples: number): (utilisation: number) => boolean {
  let busySinceRelease = false;
  let idleInARow = 0;
  return (utilisation) => {
    if (utilisation >= idleBelow) {
      busySinceRelease = true;
      idleInARow = 0;
      return false;
    }
    idleInARow++;
    if (!busySinceRelease || idleInARow < idleSamples) return false;
    busySinceRelease = false;
    return true;
  };
}

type GcFunction = (options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;
let lastResortGc: GcFunction | null = null;

/**
 * Runs V8's last-resort collection now. The gc function is taken from a fresh context with
 * --expose-gc set only for that moment, so no `gc` appears in this process's global scope.
 */
export function releaseHeapMemory(): number {
  if (!lastResortGc) {
    v8.setFlagsFromString('--expose-gc');
    lastResortGc = vm.runInNewContext('gc') as GcFunction;
    v8.setFlagsFromString('--no-expose-gc');
  }
  const started = performance.now();
  lastResortGc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  return performance.now() - started;
}

/** Samples the event loop and releases as described above; `stop()` ends it. The timer never holds the process. */
export function releaseMemoryWhenIdle(options: IdleReleaseOptions = {}): { stop(): void } {
  const decide = idleReleaseDecider(options.idleBelow ?? 0.05, options.idleSamples ?? 3);
  let last = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const { utilization } = performance.eventLoopUtilization(now, last);
    last = now;
    if (decide(utilization)) {
      const ms = releaseHeapMemory();
      options.onRelease?.(ms);
      // The release's own time is not work: the next sample starts after it.
      last = performance.eventLoopUtilization();
    }
  }, options.intervalMs ?? 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
