import { NotFoundError } from '../../errors.ts';
import type { StatusContext } from '../../social-types.ts';
import type { Status } from '../../types.ts';
import { isId } from '../../pagination.ts';
import type { ServiceDeps } from '../deps.ts';

/** How far up and down a thread page reaches; Mastodon caps context similarly. */
export const CONTEXT_ANCESTORS_MAX = 40;
export const CONTEXT_DESCENDANTS_MAX = 200;

/** A status with its thread: ancestors oldest first and replies depth-first, as the viewer sees them. */
export async function getStatusContext(
  deps: ServiceDeps,
  input: { statusId: string; viewerId?: string | undefined },
): Promise<{ status: Status } & StatusContext> {
  const status = isId(input.statusId)
    ? await deps.uow.statuses.findById(input.statusId, input.viewerId)
    : null;
  if (!status) throw new NotFoundError();
  const [ancestors, descendants] = await Promise.all([
    status.inReplyToId
      ? deps.uow.threads.ancestors(status.id, input.viewerId, CONTEXT_ANCESTORS_MAX)
      : Promise.resolve([]),
    deps.uow.threads.descendants(status.id, input.viewerId, CONTEXT_DESCENDANTS_MAX),
  ]);
  return { status, ancestors, descendants };
}
