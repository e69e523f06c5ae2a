import type { PageRequest, Status } from '../../types.ts';
import type { ServiceDeps } from '../deps.ts';

/** The actor's home timeline: their own statuses and those of the accounts they follow, newest first. */
export function homeTimeline(
  deps: ServiceDeps,
  input: { actorId: string; page: PageRequest },
): Promise<Status[]> {
  return deps.uow.follows.homeTimeline(input.actorId, input.page);
}
