// Notifications: list (types[] / exclude_types[]), one, dismiss, clear, unread count.
import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../../deps.ts';
import { actorId, guard } from '../../api/auth.ts';
import { entityContext, idParams, type IdParams } from '../../api/context.ts';
import { notifications } from '../../api/entities.ts';
import { pagedResponse } from '../../api/paged-response.ts';
import { apiPage, pageQuerySchema } from '../../api/pagination.ts';
import { anyObject, errorResponses, listOf, ref } from '../../api/schemas.ts';

const tags = ['notifications'];
const typeList = { type: 'array', items: { type: 'string' } } as const;

/** The notifications of the client API. */
export default async function notificationRoutes(fastify: FastifyInstance, deps: WebDeps) {
  const { services } = deps;
  const read = guard(['read:notifications'], 'user');
  const write = guard(['write:notifications'], 'user');

  fastify.get<{ Querystring: { types?: string[]; exclude_types?: string[] } & Record<string, unknown> }>(
    '/api/v1/notifications',
    {
      preHandler: read.preHandler,
      schema: {
        tags,
        summary: 'Your notifications',
        description: 'Newest first. Types: `mention`, `follow`, `favourite`.',
        security: read.security,
        querystring: {
          type: 'object',
          properties: { ...pageQuerySchema(40), types: typeList, exclude_types: typeList },
        },
        response: { 200: listOf('Notification'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const list = await services.notifications.list({
        actorId: actorId(request),
        page: apiPage(request.query, 40),
        types: request.query.types,
        excludeTypes: request.query.exclude_types,
      });
      return pagedResponse(deps, request, reply, list, notifications);
    },
  );

  fastify.get(
    '/api/v1/notifications/unread_count',
    {
      preHandler: read.preHandler,
      schema: {
        tags,
        summary: 'How many notifications you have not read',
        security: read.security,
        response: {
          200: { type: 'object', properties: { count: { type: 'integer' } }, required: ['count'] },
          ...errorResponses,
        },
      },
    },
    async (request) => ({ count: await services.notifications.unreadCount(actorId(request)) }),
  );

  fastify.get<IdParams>(
    '/api/v1/notifications/:id',
    {
      preHandler: read.preHandler,
      schema: {
        tags,
        summary: 'One notification',
        security: read.security,
        params: idParams,
        response: { 200: ref('Notification'), ...errorResponses },
      },
    },
    async (request) => {
      const n = await services.notifications.get({ actorId: actorId(request), id: request.params.id });
      return (await notifications(entityContext(deps, request), [n]))[0];
    },
  );

  fastify.post(
    '/api/v1/notifications/clear',
    {
      preHandler: write.preHandler,
      schema: {
        tags,
        summary: 'Delete all your notifications',
        security: write.security,
        response: { 200: anyObject, ...errorResponses },
      },
    },
    async (request) => {
      await services.notifications.clear({ actorId: actorId(request) });
      return {};
    },
  );

  fastify.post<IdParams>(
    '/api/v1/notifications/:id/dismiss',
    {
      preHandler: write.preHandler,
      schema: {
        tags,
        summary: 'Delete one notification',
        security: write.security,
        params: idParams,
        response: { 200: anyObject, ...errorResponses },
      },
    },
    async (request) => {
      await services.notifications.dismiss({ actorId: actorId(request), id: request.params.id });
      return {};
    },
  );
}
