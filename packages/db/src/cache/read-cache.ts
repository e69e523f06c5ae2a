// A per-process cache of reads, kept right by the change feed: an entry is dropped the moment its
// key is heard, a read that raced a change is returned but not kept, and nothing is served while
// the feed cannot hear. Entries are what anyone may see (an account, a status without any viewer's
// flags, the newest public page); what one viewer sees is keyed by that viewer's own id, so an
// entry is only ever served to the requests it was made for.
import type { ChangeFeed, ChangeKey } from './change-feed.ts';

export interface ReadCache {
  /** The value under `key`, loaded (and kept, when no change raced the load) on a miss. */
  get<T>(key: ChangeKey, load: () => Promise<T>): Promise<T>;
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
  let hits = 0;
  let misses = 0;
  const drop = (key: ChangeKey) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= entry.bytes;
  };
  const clear = () => {
    entries.clear();
    bytes = 0;
  };
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
    if (!feed.live || feed.changedSince(key, since)) return;
    drop(key);
    const entry = { value, bytes: ENTRY_BYTES + key.length + sizeOf(value) };
    if (entry.bytes > maxBytes) return;
    entries.set(key, entry);
    bytes += entry.bytes;
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
    async get<T>(key: ChangeKey, load: () => Promise<T>): Promise<T> {
      const found = lookup(key);
      if (found.hit) {
        hits++;
        return found.value as T;
      }
      misses++;
      const since = feed.version;
      const value = await load();
      keep(key, value, since);
      return value;
    },
    async getMany<T>(keys: ChangeKey[], load: (missing: ChangeKey[]) => Promise<Map<ChangeKey, T>>) {
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
  getMany: (keys, load) => load([...new Set(keys)]),
  settle: () => Promise.resolve(),
  stats: () => ({ hits: 0, misses: 0, size: 0, bytes: 0 }),
};
