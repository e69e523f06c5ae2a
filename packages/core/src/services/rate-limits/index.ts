// Rate-limit counters shared by every process, for the web edge's limits (its @fastify/rate-limit
// store): exact counts, one round trip per hit, for the rare and security-relevant limits, and hits
// added in batches for the general API budget.
import type { RateLimitCount, RateLimitHits } from '../../ports/rate-limits.ts';
import type { ServiceDeps } from '../deps.ts';

export function rateLimitServices(deps: ServiceDeps) {
  const { rateLimits } = deps.uow;
  return {
    /** Counts one hit now and returns the key's count in its window. */
    async hit(key: string, windowMs: number): Promise<RateLimitCount> {
      const [count] = await rateLimits.add([{ key, windowMs, hits: 1 }]);
      return count!;
    },
    /** Adds the hits of many keys in one round trip; returns every key's count after them. */
    add: (entries: readonly RateLimitHits[]) => rateLimits.add(entries),
  };
}
