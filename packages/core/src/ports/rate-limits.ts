// Rate-limit counters shared by every process: a count per key within a fixed window that starts
// with the key's first hit. The database's clock decides windows, so processes on machines whose
// clocks differ agree.

/** Hits to add to one key; a key whose window has ended starts a new one with these hits. */
export interface RateLimitHits {
  key: string;
  /** The window's length, used when a new window starts. */
  windowMs: number;
  /** How many hits to add (negative to give some back). */
  hits: number;
}

/** A key's count in its current window, and when that window ends. */
export interface RateLimitCount {
  key: string;
  count: number;
  resetAt: Date;
}

export interface RateLimitRepository {
  /** Adds the hits (one entry per key) and returns every key's count after them, in one round trip. */
  add(entries: readonly RateLimitHits[]): Promise<RateLimitCount[]>;
  /** Deletes the counters of ended windows; returns how many. */
  purgeExpired(now: Date): Promise<number>;
}
