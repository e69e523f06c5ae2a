// Boosts (reblogs).
import type { PageRequest } from '../../types/common.ts';
import type { ServiceDeps } from '../deps.ts';
import { reblog, rebloggedBy, unreblog, type ReblogInput } from './reblog.ts';

export function reblogServices(deps: ServiceDeps) {
  return {
    reblog: (input: ReblogInput) => reblog(deps, input),
    unreblog: (input: { actorId: string; statusId: string }) => unreblog(deps, input),
    rebloggedBy: (input: { statusId: string; page: PageRequest; viewerId?: string | undefined }) =>
      rebloggedBy(deps, input),
  };
}
