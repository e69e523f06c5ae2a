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
  /** Hits, misses, entries and their estimated size in bytes, for the metrics. */
  stats(): { hits: number; misses: number; size: number; bytes: number };
}

const ABSENT = Symbol('absent');

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
 * What the cache may hold, in bytes as `sizeOf` estimates them. Bounded by size, not by count:
 * statuses are hundreds of bytes to kilobytes (and the web edge hangs their JSON text and rendered
 * cards off them, about as much again), counts and name links a few dozen. 8 MiB is some thousands
 * of statuses and accounts, far more than the hot pages show; measured in docs/performance.md.
 */
export const READ_CACHE_BYTES = 8 * 1024 * 1024;

interface Entry {
  value: unknown;
  bytes: number;
}

/** A least-recently-used cache over the change feed, of at most `maxBytes` (by estimate) of entries. */
export function readCache(feed: ChangeFeed, options: { maxBytes?: number } = {}): ReadCache {
  const maxBytes = options.maxBytes ?? READ_CACHE_BYTES;
  // A Map keeps insertion order: re-inserting on use makes the first key the least recently used.
  const entries = new Map<ChangeKey, Entry>();
  let bytes = 0;
  // The variants kept under each announced key (`n:7` -> {`n:7|first`}), to drop them with it.
  const variants = new Map<ChangeKey, Set<ChangeKey>>();
  const remove = (key: ChangeKey) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= entry.bytes;
  };
  const drop = (key: ChangeKey) => {
    remove(key);
    const bar = key.indexOf('|');
    if (bar < 0) {
      for (const v of variants.get(key) ?? []) remove(v);
      variants.delete(key);
    } else variants.get(key.slice(0, bar))?.delete(key);
  };
  const clear = () => {
    entries.clear();
    variants.clear();
    bytes = 0;
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
    if (key === '*') clear();
    else if (key.endsWith(':*')) {
      const prefix = key.slice(0, -1);
      for (const k of entries.keys()) if (k.startsWith(prefix)) drop(k);
    } else drop(key);
  });
  const keep = (key: ChangeKey, value: unknown, since: number) => {
    const bar = key.indexOf('|');
    const base = bar < 0 ? key : key.slice(0, bar);
    if (!feed.live || feed.changedSince(base, since)) return;
    remove(key);
    const entry = { value, bytes: ENTRY_BYTES + key.length + sizeOf(value) };
    if (entry.bytes > maxBytes) {
      if (bar >= 0) variants.get(base)?.delete(key);
      return;
    }
    entries.set(key, entry);
    bytes += entry.bytes;
    if (bar >= 0) {
      let set = variants.get(base);
      if (!set) variants.set(base, (set = new Set()));
      set.add(key);
    }
    while (bytes > maxBytes) drop(entries.keys().next().value!);
  };
  const lookup = (key: ChangeKey): { hit: boolean; value?: unknown } => {
    const entry = feed.live ? entries.get(key) : undefined;
    if (!entry) return { hit: false };
    entries.delete(key);
    entries.set(key, entry);
    return { hit: true, value: entry.value };
  };
  return {
    async get<T>(key: ChangeKey, load: () => Promise<T>, valid?: (value: T) => boolean): Promise<T> {
      await fence();
      const found = lookup(key);
      // (an entry getMany kept as absent reads as null here)
      const kept = (found.value === ABSENT ? null : found.value) as T;
      if (found.hit && (!valid || valid(kept))) {
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
      const missing: ChangeKey[] = [];
      for (const key of new Set(keys)) {
        const found = lookup(key);
        if (!found.hit) missing.push(key);
        else if (found.value !== ABSENT) result.set(key, found.value as T);
      }
      hits += keys.length - missing.length;
      misses += missing.length;
      if (missing.length === 0) return result;
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
          clear();
          resolve();
        }, timeoutMs);
        barriers.set(key, () => {
          clearTimeout(timer);
          barriers.delete(key);
          resolve();
        });
      });
    },
    stats: () => ({ hits, misses, size: entries.size, bytes }),
  };
}

// A Map entry, its key string and the Entry object, roughly.
const ENTRY_BYTES = 100;

/**
 * A rough size in bytes of a cached value as V8 keeps it: strings one byte a character (most text is
 * Latin-1), objects and arrays a header and a slot per field, nested values counted too.
 */
export function sizeOf(value: unknown, depth = 0): number {
  switch (typeof value) {
    case 'string':
      return 16 + value.length;
    case 'object': {
      if (value === null) return 0;
      if (value instanceof Date) return 48;
      if (depth > 4) return 64;
      if (Array.isArray(value)) {
        let n = 16 + 8 * value.length;
        for (const item of value) n += sizeOf(item, depth + 1);
        return n;
      }
      let n = 24;
      for (const key in value) n += 8 + sizeOf((value as Record<string, unknown>)[key], depth + 1);
      return n;
    }
    case 'number':
      return 8;
    default:
      return 0;
  }
}

/** A cache that keeps nothing: reads inside transactions, and processes without a change feed. */
export const noCache: ReadCache = {
  get: (_key, load) => load(),
  version: () => 0,
  changedSince: () => true,
  getMany: (keys, load) => load([...new Set(keys)]),
  settle: () => Promise.resolve(),
  stats: () => ({ hits: 0, misses: 0, size: 0, bytes: 0 }),
};
