// Fills the header's unread-notifications badge for logged-in page views: one count over the
// partial index notifications_unread. POSTs redirect, so they skip it.
import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../../deps.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Unread notifications of the viewer, when counted for this request. */
    unreadNotifications?: number;
  }
}

/** A preHandler hook, added to the website's scope by siteRoutes. */
export function addUnreadNotificationsHook(fastify: FastifyInstance, deps: WebDeps): void {
  fastify.addHook('preHandler', async (request) => {
    if (request.method !== 'GET' || !request.viewer) return;
    request.unreadNotifications = await deps.services.notifications.unreadCount(request.viewer.id);
  });
}
