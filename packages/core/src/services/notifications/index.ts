// In-app notifications.
import type { PageRequest } from '../../types/common.ts';
import type { ServiceDeps } from '../deps.ts';
import {
  clearNotifications,
  dismissNotification,
  getNotification,
  listNotifications,
  markNotificationsRead,
  openNotificationsPage,
  type ListNotificationsInput,
} from './notifications.ts';

export function notificationServices(deps: ServiceDeps) {
  return {
    list: (input: ListNotificationsInput) => listNotifications(deps, input),
    /** The website's notifications page: lists and marks what it shows as read. */
    openPage: (input: { actorId: string; page: PageRequest }) => openNotificationsPage(deps, input),
    get: (input: { actorId: string; id: string }) => getNotification(deps, input),
    dismiss: (input: { actorId: string; id: string }) => dismissNotification(deps, input),
    clear: (input: { actorId: string }) => clearNotifications(deps, input),
    markRead: (input: { actorId: string; upToId?: string | undefined }) => markNotificationsRead(deps, input),
    /** The number behind the header badge. */
    unreadCount: (actorId: string) => deps.uow.notifications.unreadCount(actorId),
  };
}
