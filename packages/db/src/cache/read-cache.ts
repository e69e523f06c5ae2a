// A per-process cache of reads, kept right by the change feed: an entry is dropped the moment its
// key is heard, a read that raced a change is returned but not kept, and nothing is served while
// the feed cannot hear. A key may carry a variant after `|` (`n:7|first`): hearing `n:7` drops every
// variant of it too. Entries are what anyone may see (an account, a status without any viewer's
// flags, the newest public page); what one viewer sees is keyed by that viewer's own id, so an
// entry is only ever served to the requests it was made for.
import type { ChangeFeed, ChangeKey } from './change-feed.ts';

export interface ReadCache {
  /**
   * The value under `key`, loaded (and kept, when no change raced the load) on a miss. A kept value
   * that `valid` refuses is loaded again.
   */
  get<T>(key: ChangeKey, load: () => Promise<T>, valid?: (value: T) => boolean): Promise<T>;
  /** The change feed's version now, for values that record what they depend on (see changedSince). */
  version(): number;
  /** True when `key` may have changed after `version` (conservative). */
  changedSince(key: ChangeKey, version: number): boolean;
  /**
   * Values for many keys at once: hits from the cache, the misses loaded in one call.
   * `load` gets the missing keys and returns a map by key; a key absent from it is cached as absent.
   */
  getMany<T>(
    keys: ChangeKey[],
    load: (missing: ChangeKey[]) => Promise<Map<ChangeKey, T>>,
  ): Promise<Map<ChangeKey, T>>;
  /**
   * Resolves once the change feed has heard `key` (a barrier a write transaction announced last), so
   * every change that transaction announced has been applied here: the writing process reads its
   * own writes. Gives up after `timeoutMs` and then forgets everything, which is also right.
   */
  settle(key: ChangeKey, timeoutMs?: number): Promise<void>;
  /** Hits, misses and entries, for the metrics. */
  stats(): { hits: number; misses: number; size: number };
}

const ABSENT = Symbol('absent');

/** A kept value, and whether it was used since eviction last passed it over. */
interface Entry {
  value: unknown;
  used: boolean;
}

// Before a cached value is trusted, the event loop gets one turn to read what has already reached
// this process: a notification for a commit can arrive on the feed's connection in the same poll
// as a request that another process sent after that commit returned. Every read waiting in the
// same turn shares one setImmediate, so this costs one loop turn per request, not per read.
let nextTurn: Promise<void> | null = null;
function fence(): Promise<void> {
  return (nextTurn ??= new Promise((resolve) =>
    setImmediate(() => {
      nextTurn = null;
      resolve();
    }),
  ));
}

/**
 * A cache of at most `max` entries over the change feed. When it is full, the oldest entry not used
 * since eviction last passed it over goes first ("second chance", an approximation of least
 * recently used).
 */
export function readCache(feed: ChangeFeed, max = 50_000): ReadCache {
  // A Map keeps insertion order. A hit only marks its entry used: moving it to the end (delete, then
  // set) on every hit made each hit pay a share of the Map's rehashing, which grows with the Map
  // (0.2 µs a hit at 300 entries, 1.3 µs at 10,000, 7 µs at 50,000: docs/performance.md). Eviction
  // moves a used entry to the end instead, once, and takes the first one not used.
  const entries = new Map<ChangeKey, Entry>();
  // The variants kept under each announced key (`n:7` -> {`n:7|first`}), to drop them with it.
  const variants = new Map<ChangeKey, Set<ChangeKey>>();
  const drop = (key: ChangeKey) => {
    entries.delete(key);
    const bar = key.indexOf('|');
    if (bar < 0) {
      for (const v of variants.get(key) ?? []) entries.delete(v);
      variants.delete(key);
    } else {
      const base = key.slice(0, bar);
      const kept = variants.get(base);
      if (kept?.delete(key) && kept.size === 0) variants.delete(base);
    }
  };
  // The eviction's hand: one iterator kept across calls, so each call starts at the oldest entry
  // instead of skipping again every hole the Map's deletions left at its front until it rehashes
  // (a fresh iterator for each eviction made a miss cost about 4 µs in a full cache of 10,000).
  // Entries moved or added behind it are still ahead of it; at the end it starts again.
  let hand = entries.entries();
  const oldest = (): [ChangeKey, Entry] => {
    let next = hand.next();
    if (next.done) next = (hand = entries.entries()).next();
    return next.value!;
  };
  const forgetAll = () => {
    entries.clear();
    variants.clear();
    hand = entries.entries();
  };
  // (never the entry just kept: it would go first when every other one was used)
  const evict = (kept: ChangeKey) => {
    while (entries.size > max) {
      const [key, entry] = oldest();
      if (!entry.used && key !== kept) drop(key);
      else {
        entry.used = false;
        entries.delete(key);
        entries.set(key, entry);
      }
    }
  };
  let hits = 0;
  let misses = 0;
  const barriers = new Map<ChangeKey, () => void>();
  // Barriers heard before anyone waited for them (the commit and the notification can arrive in
  // either order); the oldest are forgotten first.
  const early = new Set<ChangeKey>();
  feed.subscribe((key) => {
    const settled = barriers.get(key);
    if (settled) return settled();
    if (key.startsWith('w:')) {
      early.add(key);
      if (early.size > 10_000) early.delete(early.values().next().value!);
      return;
    }
    if (key === '*') forgetAll();
    else if (key.endsWith(':*')) {
      const prefix = key.slice(0, -1);
      for (const k of entries.keys()) if (k.startsWith(prefix)) drop(k);
    } else drop(key);
  });
  const keep = (key: ChangeKey, value: unknown, since: number) => {
    const bar = key.indexOf('|');
    const base = bar < 0 ? key : key.slice(0, bar);
    if (max < 1 || !feed.live || feed.changedSince(base, since)) return;
    entries.delete(key);
    entries.set(key, { value, used: false });
    if (bar >= 0) {
      let set = variants.get(base);
      if (!set) variants.set(base, (set = new Set()));
      set.add(key);
    }
    evict(key);
  };
  const lookup = (key: ChangeKey): Entry | undefined => {
    const entry = feed.live ? entries.get(key) : undefined;
    if (entry) entry.used = true;
    return entry;
  };
  return {
    async get<T>(key: ChangeKey, load: () => Promise<T>, valid?: (value: T) => boolean): Promise<T> {
      await fence();
      const found = lookup(key);
      // (an entry getMany kept as absent reads as null here)
      const kept = (found?.value === ABSENT ? null : found?.value) as T;
      if (found && (!valid || valid(kept))) {
        hits++;
        return kept;
      }
      misses++;
      const since = feed.version;
      const value = await load();
      keep(key, value, since);
      return value;
    },
    async getMany<T>(keys: ChangeKey[], load: (missing: ChangeKey[]) => Promise<Map<ChangeKey, T>>) {
      await fence();
      const result = new Map<ChangeKey, T>();
      // (a Set only of the misses, to load each once: most reads are all hits)
      const wanted = new Set<ChangeKey>();
      for (const key of keys) {
        const found = lookup(key);
        if (!found) wanted.add(key);
        else if (found.value !== ABSENT) result.set(key, found.value as T);
      }
      hits += keys.length - wanted.size;
      misses += wanted.size;
      if (wanted.size === 0) return result;
      const missing = [...wanted];
      const since = feed.version;
      const loaded = await load(missing);
      for (const key of missing) {
        const value = loaded.get(key);
        keep(key, value === undefined ? ABSENT : value, since);
        if (value !== undefined) result.set(key, value);
      }
      return result;
    },
    version: () => feed.version,
    changedSince: (key, version) => !feed.live || feed.changedSince(key, version),
    settle(key, timeoutMs = 2000) {
      if (!feed.live || early.delete(key)) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          barriers.delete(key);
          forgetAll();
          resolve();
        }, timeoutMs);
        barriers.set(key, () => {
          clearTimeout(timer);
          barriers.delete(key);
          resolve();
        });
      });
    },
    stats: () => ({ hits, misses, size: entries.size }),
  };
}

/** A cache that keeps nothing: reads inside transactions, and processes without a change feed. */
export const noCache: ReadCache = {
  get: (_key, load) => load(),
  version: () => 0,
  changedSince: () => true,
  getMany: (keys, load) => load([...new Set(keys)]),
  settle: () => Promise.resolve(),
  stats: () => ({ hits: 0, misses: 0, size: 0 }),
};
