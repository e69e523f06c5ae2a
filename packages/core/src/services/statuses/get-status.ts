import { NotFoundError } from '../../errors.ts';
import type { Status } from '../../types.ts';
import type { ServiceDeps } from '../deps.ts';

/** One status by id; missing, malformed or hidden ids are not found. */
export async function getStatus(deps: ServiceDeps, id: string): Promise<Status> {
  const status = /^\d{1,19}$/.test(id) ? await deps.uow.statuses.findById(id) : null;
  if (!status) throw new NotFoundError();
  return status;
}
