import type { Usage } from '../../types/stats.ts';
import type { ServiceDeps } from '../deps.ts';

const TTL_MS = 60_000;

/**
 * The site's counters for the instance and NodeInfo documents, which crawlers and apps fetch often;
 * they are counted at most once a minute per process.
 */
export function siteUsage(deps: ServiceDeps): (now?: number) => Promise<Usage> {
  let cached: { at: number; usage: Usage } | null = null;
  return async (now = Date.now()) => {
    if (cached && now - cached.at < TTL_MS) return cached.usage;
    const usage = await deps.uow.stats.usage();
    cached = { at: now, usage };
    return usage;
  };
}
