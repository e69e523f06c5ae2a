import { NotFoundError, ValidationError } from '../../errors.ts';
import type { NotificationFilter } from '../../ports/social-repositories.ts';
import { NOTIFICATION_TYPES, type Notification, type NotificationType } from '../../social-types.ts';
import type { PageRequest } from '../../types.ts';
import { isId } from '../../pagination.ts';
import { requireActiveActor } from '../accounts/require-actor.ts';
import type { ServiceDeps } from '../deps.ts';

export interface ListNotificationsInput {
  actorId: string;
  page: PageRequest;
  /** Only these types (Mastodon's `types[]`); unknown names are ignored, as Mastodon does. */
  types?: string[] | undefined;
  /** Not these types (Mastodon's `exclude_types[]`). */
  excludeTypes?: string[] | undefined;
}

const known = (names: string[] | undefined): NotificationType[] | undefined =>
  names?.filter((n): n is NotificationType => (NOTIFICATION_TYPES as readonly string[]).includes(n));

/** The actor's notifications, newest first, optionally filtered by type. */
export async function listNotifications(
  deps: ServiceDeps,
  input: ListNotificationsInput,
): Promise<Notification[]> {
  const filter: NotificationFilter = { types: known(input.types), excludeTypes: known(input.excludeTypes) };
  // types[] given but naming nothing we have: nothing matches.
  if (input.types?.length && filter.types!.length === 0) return [];
  if (!input.types?.length) filter.types = undefined;
  return deps.uow.notifications.list(input.actorId, input.page, filter);
}

/** One of the actor's notifications; someone else's reads as not found. */
export async function getNotification(
  deps: ServiceDeps,
  input: { actorId: string; id: string },
): Promise<Notification> {
  const n = isId(input.id) ? await deps.uow.notifications.findById(input.actorId, input.id) : null;
  if (!n) throw new NotFoundError();
  return n;
}

/** Deletes one of the actor's notifications; someone else's reads as not found. */
export async function dismissNotification(
  deps: ServiceDeps,
  input: { actorId: string; id: string },
): Promise<void> {
  await deps.uow.transaction(async (tx) => {
    await requireActiveActor(tx, input.actorId);
    if (!isId(input.id) || !(await tx.notifications.dismiss(input.actorId, input.id)))
      throw new NotFoundError();
  });
}

/** Deletes all of the actor's notifications. */
export async function clearNotifications(deps: ServiceDeps, input: { actorId: string }): Promise<number> {
  return deps.uow.transaction(async (tx) => {
    await requireActiveActor(tx, input.actorId);
    return tx.notifications.clear(input.actorId);
  });
}

/** Marks the actor's notifications read, up to and including upToId (everything when omitted). */
export async function markNotificationsRead(
  deps: ServiceDeps,
  input: { actorId: string; upToId?: string | undefined },
): Promise<number> {
  if (input.upToId !== undefined && !isId(input.upToId))
    throw new ValidationError({ up_to_id: 'Not a notification id.' });
  return deps.uow.notifications.markRead(input.actorId, input.upToId);
}

/** The number behind the header badge. */
export function unreadNotificationCount(deps: ServiceDeps, actorId: string): Promise<number> {
  return deps.uow.notifications.unreadCount(actorId);
}
