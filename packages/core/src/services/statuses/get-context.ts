import type { Status, StatusContext } from '../../types/statuses.ts';
import type { ServiceDeps } from '../deps.ts';
import { findVisibleStatus } from './get-status.ts';

/** How far up and down a thread page reaches; Mastodon caps context similarly. */
export const CONTEXT_ANCESTORS_MAX = 40;
export const CONTEXT_DESCENDANTS_MAX = 200;

/** A status with its thread: ancestors oldest first and replies depth-first, as the viewer sees them. */
export async function getStatusContext(
  deps: ServiceDeps,
  input: { statusId: string; viewerId?: string | undefined },
): Promise<{ status: Status } & StatusContext> {
  const status = await findVisibleStatus(deps.uow, input.statusId, input.viewerId);
  const { timelines } = deps.uow;
  const [ancestors, descendants] = await Promise.all([
    status.inReplyToId
      ? timelines.ancestors(status.id, input.viewerId, CONTEXT_ANCESTORS_MAX)
      : Promise.resolve([]),
    timelines.descendants(status.id, input.viewerId, CONTEXT_DESCENDANTS_MAX),
  ]);
  return { status, ancestors, descendants };
}
