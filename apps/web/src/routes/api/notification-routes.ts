// Notifications: list (types[] / exclude_types[]), one, dismiss, clear, unread count.
import { Type } from 'typebox';
import type { WebDeps } from '../../deps.ts';
import { actorId, guard } from '../../api/auth.ts';
import { entityContext, idParams } from '../../api/context.ts';
import { notificationsJson } from '../../api/entities.ts';
import { applyFilters, filteredNotificationsJson } from '../../api/filtered.ts';
import { pagedResponse, sendJsonText } from '../../api/paged-response.ts';
import { apiPage, pageQuery } from '../../api/pagination.ts';
import { route, type ApiFastify } from '../../api/route.ts';
import { anyObject, errorResponses, listOf, ref } from '../../api/schemas.ts';

const tags = ['notifications'];
const typeList = Type.Optional(Type.Array(Type.String()));

/** The notifications of the client API. */
export default async function notificationRoutes(fastify: ApiFastify, deps: WebDeps) {
  const { services } = deps;
  const read = guard(['read:notifications'], 'user');
  const write = guard(['write:notifications'], 'user');

  fastify.get(
    '/api/v1/notifications',
    route(read, {
      tags,
      summary: 'Your notifications',
      description:
        'Newest first. Types: `mention`, `follow`, `favourite`. `account_id`: only those caused by that account.',
      querystring: Type.Object({
        ...pageQuery(40),
        types: typeList,
        exclude_types: typeList,
        account_id: Type.Optional(Type.String()),
      }),
      response: { 200: listOf('Notification'), ...errorResponses },
    }),
    async (request, reply) => {
      const list = await services.notifications.list({
        actorId: actorId(request),
        page: apiPage(request.query, 40),
        types: request.query.types,
        excludeTypes: request.query.exclude_types,
        accountId: request.query.account_id,
      });
      return pagedResponse(deps, request, reply, list, filteredNotificationsJson(deps));
    },
  );

  fastify.get(
    '/api/v1/notifications/unread_count',
    route(read, {
      tags,
      summary: 'How many notifications you have not read',
      description: 'Those after your notifications marker (POST /api/v1/markers), as on Mastodon.',
      response: {
        200: { type: 'object', properties: { count: { type: 'integer' } }, required: ['count'] },
        ...errorResponses,
      },
    }),
    async (request) => ({ count: await services.notifications.unreadCount(actorId(request)) }),
  );

  fastify.get(
    '/api/v1/notifications/:id',
    route(read, {
      tags,
      summary: 'One notification',
      params: idParams,
      response: { 200: ref('Notification'), ...errorResponses },
    }),
    async (request, reply) => {
      const n = await services.notifications.get({ actorId: actorId(request), id: request.params.id });
      // One asked for by id is shown (as Mastodon), with its `filtered` results.
      const applied = await applyFilters(
        deps,
        entityContext(deps, request),
        'notifications',
        n.status ? [n.status] : [],
      );
      return sendJsonText(reply, notificationsJson(applied.ctx, [n]).slice(1, -1));
    },
  );

  fastify.post(
    '/api/v1/notifications/clear',
    route(write, {
      tags,
      summary: 'Delete all your notifications',
      response: { 200: anyObject, ...errorResponses },
    }),
    async (request) => {
      await services.notifications.clear({ actorId: actorId(request) });
      return {};
    },
  );

  fastify.post(
    '/api/v1/notifications/:id/dismiss',
    route(write, {
      tags,
      summary: 'Delete one notification',
      params: idParams,
      response: { 200: anyObject, ...errorResponses },
    }),
    async (request) => {
      await services.notifications.dismiss({ actorId: actorId(request), id: request.params.id });
      return {};
    },
  );
}
