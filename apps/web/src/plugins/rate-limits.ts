// Rate limits shared by every web process (docs/deployment.md, "Rate limits"): @fastify/rate-limit
// with a store that counts in PostgreSQL through services.rateLimits. Each limit names its budget
// (`bucket`): limits with the same bucket and key share one count, so posting on the website and
// through the API spend one budget per account. Exact limits (log-in, sign-up, password reset,
// posting: rare, and where a few extra attempts matter) ask the database on every hit; the general
// API budget, checked on every API request, is counted locally and sent in batches.
import fp from 'fastify-plugin';
import rateLimit, { normalizeIP, type RateLimitOptions } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import type { WebDeps } from '../deps.ts';
import { batchedCounts } from './batched-counts.ts';

type Counting = 'exact' | 'batched';

/** A limit's options for a route's `config.rateLimit` or `fastify.createRateLimit`. */
export function sharedLimit(bucket: string, counting: Counting, options: RateLimitOptions): RateLimitOptions {
  return { ...options, bucket, counting } as RateLimitOptions;
}

/** The client's address as a rate-limit key (an IPv6 client's /64, as @fastify/rate-limit does). */
export function addressKey(request: FastifyRequest): string {
  return `ip:${normalizeIP(request.ip)}`;
}

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

export default fp<WebDeps>(async (fastify, deps) => {
  const { rateLimits } = deps.services;
  const batched = batchedCounts((entries) => rateLimits.add(entries), {
    intervalMs: 1000,
    maxKeys: 50_000,
    onError: (error) => deps.logger.warn({ err: error }, 'rate-limit counts not sent; retrying'),
  });

  // @fastify/rate-limit makes one store per route or limiter through child(), with that limit's options.
  class SharedStore {
    readonly bucket: string | undefined;
    readonly counting: Counting;
    constructor(options: { bucket?: string; counting?: Counting }) {
      this.bucket = options.bucket;
      this.counting = options.counting ?? 'exact';
    }
    incr(key: string, callback: Callback, timeWindow: number) {
      if (!this.bucket) return callback(new Error('A rate limit needs a bucket (sharedLimit).'));
      const shared = `${this.bucket}:${key}`;
      if (this.counting === 'batched') return callback(null, batched.hit(shared, timeWindow));
      rateLimits.hit(shared, timeWindow).then(
        ({ count, resetAt }) => callback(null, { current: count, ttl: Math.max(0, +resetAt - Date.now()) }),
        (error: Error) => callback(error),
      );
    }
    child(options: { bucket?: string; counting?: Counting }) {
      return new SharedStore(options);
    }
  }

  await fastify.register(rateLimit, { global: false, store: SharedStore as never });
  fastify.addHook('onClose', () => batched.close());
});
