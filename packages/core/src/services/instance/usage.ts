import type { Usage } from '../../ports/usage-repository.ts';
import type { ServiceDeps } from '../deps.ts';

const TTL_MS = 60_000;
let cached: { at: number; usage: Usage } | null = null;

/**
 * The site's counters for the instance and NodeInfo documents, which crawlers and apps fetch often;
 * they are counted at most once a minute per process.
 */
export async function siteUsage(deps: ServiceDeps, now = Date.now()): Promise<Usage> {
  if (cached && now - cached.at < TTL_MS) return cached.usage;
  const usage = await deps.uow.usage.usage();
  cached = { at: now, usage };
  return usage;
}
