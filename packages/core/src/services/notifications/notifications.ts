import { DomainError, ValidationError } from '../../errors.ts';
import { isId } from '../../ids.ts';
import type { NotificationFilter } from '../../ports/notifications.ts';
import type { PageRequest } from '../../types/common.ts';
import { NOTIFICATION_TYPES, type Notification, type NotificationType } from '../../types/notifications.ts';
import { requireActiveActor } from '../accounts/require-actor.ts';
import type { ServiceDeps } from '../deps.ts';

export interface ListNotificationsInput {
  actorId: string;
  page: PageRequest;
  /** Only these types (Mastodon's `types[]`); unknown names are ignored, as Mastodon does. */
  types?: string[] | undefined;
  /** Not these types (Mastodon's `exclude_types[]`). */
  excludeTypes?: string[] | undefined;
  /** Only those caused by this account (Mastodon's `account_id`); an id of no account finds none. */
  accountId?: string | undefined;
}

const known = (names: string[] | undefined): NotificationType[] | undefined =>
  names?.filter((n): n is NotificationType => (NOTIFICATION_TYPES as readonly string[]).includes(n));

/** The actor's notifications, newest first, optionally filtered by type. */
export async function listNotifications(
  deps: ServiceDeps,
  input: ListNotificationsInput,
): Promise<Notification[]> {
  const filter: NotificationFilter = { types: known(input.types), excludeTypes: known(input.excludeTypes) };
  if (input.accountId !== undefined) {
    if (!isId(input.accountId)) return [];
    filter.fromAccountId = input.accountId;
  }
  // types[] given but naming nothing we have: nothing matches.
  if (input.types?.length && filter.types!.length === 0) return [];
  if (!input.types?.length) filter.types = undefined;
  return deps.uow.notifications.list(input.actorId, input.page, filter);
}

/**
 * The notifications page: the page of notifications, and shown means read — everything up to the
 * newest one on the page is marked read (the page keeps their unread look this once). Returns the
 * unread count left, for the header's badge.
 */
export async function openNotificationsPage(
  deps: ServiceDeps,
  input: { actorId: string; page: PageRequest },
): Promise<{ notifications: Notification[]; unread: number | null }> {
  const notifications = await deps.uow.notifications.list(input.actorId, input.page);
  const newest = notifications[0];
  if (!newest || notifications.every((n) => n.readAt)) return { notifications, unread: null };
  await deps.uow.transaction(async (tx) => {
    await tx.notifications.markRead(input.actorId, newest.id);
    // Reading on the website moves the notifications marker too (forward only), so apps agree.
    await tx.markers.advance(input.actorId, 'notifications', newest.id);
  });
  return { notifications, unread: await deps.uow.notifications.unreadCount(input.actorId) };
}

/** One of the actor's notifications; someone else's reads as not found. */
export async function getNotification(
  deps: ServiceDeps,
  input: { actorId: string; id: string },
): Promise<Notification> {
  const n = isId(input.id) ? await deps.uow.notifications.findById(input.actorId, input.id) : null;
  if (!n) throw new DomainError('not_found');
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
      throw new DomainError('not_found');
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
  return deps.uow.transaction((tx) => tx.notifications.markRead(input.actorId, input.upToId));
}
