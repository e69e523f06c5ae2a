import { NotFoundError } from '../../errors.ts';
import { isId } from '../../pagination.ts';
import type { Status } from '../../types.ts';
import type { ServiceDeps } from '../deps.ts';

/** One status by id; missing, malformed or hidden ids are not found. */
export async function getStatus(deps: ServiceDeps, id: string, viewerId?: string): Promise<Status> {
  const status = isId(id) ? await deps.uow.statuses.findById(id, viewerId) : null;
  if (!status) throw new NotFoundError();
  return status;
}
