// The instance's public facts.
import type { ServiceDeps } from '../deps.ts';
import { siteUsage } from './usage.ts';

export function instanceServices(deps: ServiceDeps) {
  const usage = siteUsage(deps);
  return {
    /** Site-wide counters (instance and NodeInfo documents), cached for a minute. */
    usage: () => usage(),
  };
}
