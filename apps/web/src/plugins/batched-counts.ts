// Counting without a round trip per request (the general API budget): each process counts hits
// locally and, about once a second, adds them to the shared counters in one statement, reading back
// every key's total. A process therefore sees the other processes' hits up to a second late, so
// across N processes a key may get up to about one second's worth of extra requests before all of
// them refuse it (docs/deployment.md, "Rate limits").
import type { RateLimitCount, RateLimitHits } from '@microposts/core';

export interface BatchedCounts {
  /** Counts one hit of the key; returns the count as this process knows it, and the ms left in the window. */
  hit(key: string, windowMs: number): { current: number; ttl: number };
  /** Sends the hits not sent yet (also done by a timer); resolves when they are counted. */
  flush(): Promise<void>;
  /** Sends what is left (the timer, unreferenced, never keeps the process alive). */
  close(): Promise<void>;
}

interface Known {
  /** The shared count at the last flush plus this process's hits since. */
  count: number;
  resetAt: number;
}

/**
 * Local counts over a shared `add`. `maxKeys` bounds the counts kept between flushes (least recently
 * hit first out: a key dropped starts again from the shared count at its next flush).
 */
export function batchedCounts(
  add: (entries: RateLimitHits[]) => Promise<RateLimitCount[]>,
  options: { intervalMs: number; maxKeys: number; onError: (error: unknown) => void },
): BatchedCounts {
  const known = new Map<string, Known>();
  let pending = new Map<string, RateLimitHits>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  async function send(): Promise<void> {
    if (pending.size === 0) return;
    const batch = pending;
    pending = new Map();
    try {
      const counts = await add([...batch.values()]);
      for (const { key, count, resetAt } of counts) {
        const local = known.get(key);
        // Hits that came while the batch was on its way are not in the shared count yet.
        if (local) Object.assign(local, { count: count + (pending.get(key)?.hits ?? 0), resetAt: +resetAt });
      }
    } catch (error) {
      options.onError(error);
      for (const [key, entry] of batch) {
        const later = pending.get(key);
        pending.set(key, later ? { ...entry, hits: entry.hits + later.hits } : entry);
      }
      schedule();
    }
  }

  function schedule() {
    timer ??= setTimeout(() => void flush(), options.intervalMs).unref();
  }

  function flush(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    // One flush at a time: a second waits for the first, then sends what came meanwhile.
    const next = (running ?? Promise.resolve()).then(send);
    running = next;
    void next.finally(() => {
      if (running === next) running = undefined;
    });
    return next;
  }

  return {
    hit(key, windowMs) {
      const now = Date.now();
      let local = known.get(key);
      if (!local || local.resetAt <= now) local = { count: 0, resetAt: now + windowMs };
      known.delete(key);
      known.set(key, local);
      if (known.size > options.maxKeys) known.delete(known.keys().next().value!);
      local.count++;
      const entry = pending.get(key);
      if (entry) entry.hits++;
      else pending.set(key, { key, windowMs, hits: 1 });
      schedule();
      return { current: local.count, ttl: local.resetAt - now };
    },
    flush,
    close: flush,
  };
}
