// Timelines: public (with `local`), home, and a hashtag's.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Status } from '@microposts/core';
import type { WebDeps } from '../../deps.ts';
import { actorId, guard, viewerId } from '../../api/auth.ts';
import { statuses } from '../../api/entities.ts';
import { pagedResponse } from '../../api/paged-response.ts';
import { apiPage, pageQuerySchema } from '../../api/pagination.ts';
import { errorResponses, listOf } from '../../api/schemas.ts';

const tags = ['timelines'];

interface TimelineQuery {
  Querystring: { local?: boolean; remote?: boolean; only_media?: boolean } & Record<string, unknown>;
}

const timelineQuery = {
  type: 'object',
  properties: {
    ...pageQuerySchema(20),
    local: { type: 'boolean', description: 'Only local statuses (every status here is local).' },
    remote: { type: 'boolean', description: 'Only remote statuses (there are none: an empty list).' },
    only_media: { type: 'boolean', description: 'Only statuses with media (there are none: an empty list).' },
  },
} as const;

/** The timelines of the client API. */
export default async function timelineRoutes(fastify: FastifyInstance, deps: WebDeps) {
  const { services } = deps;
  const send = (request: FastifyRequest, reply: FastifyReply, list: Status[]) =>
    pagedResponse(deps, request, reply, list, statuses);
  // This server has no remote statuses and no media, so those filters leave nothing.
  const nothing = (q: TimelineQuery['Querystring']) => q.remote === true || q.only_media === true;
  const read = guard(['read:statuses'], 'public');
  const readUser = guard(['read:statuses'], 'user');

  fastify.get<TimelineQuery>(
    '/api/v1/timelines/public',
    {
      preHandler: read.preHandler,
      schema: {
        tags,
        summary: 'Public timeline',
        description: 'Public statuses of everyone, newest first.',
        security: read.security,
        querystring: timelineQuery,
        response: { 200: listOf('Status'), ...errorResponses },
      },
    },
    async (request, reply) => {
      if (nothing(request.query)) return [];
      const list = await services.timelines.public(apiPage(request.query), viewerId(request) ?? undefined);
      return send(request, reply, list);
    },
  );

  fastify.get<TimelineQuery>(
    '/api/v1/timelines/home',
    {
      preHandler: readUser.preHandler,
      schema: {
        tags,
        summary: 'Home timeline',
        description: 'Your statuses and those of the accounts you follow, newest first.',
        security: readUser.security,
        querystring: timelineQuery,
        response: { 200: listOf('Status'), ...errorResponses },
      },
    },
    async (request, reply) => {
      if (nothing(request.query)) return [];
      const list = await services.timelines.home({ actorId: actorId(request), page: apiPage(request.query) });
      return send(request, reply, list);
    },
  );

  fastify.get<TimelineQuery & { Params: { hashtag: string } }>(
    '/api/v1/timelines/tag/:hashtag',
    {
      preHandler: read.preHandler,
      schema: {
        tags,
        summary: 'Hashtag timeline',
        description: 'Public statuses with the hashtag (ignoring case), newest first.',
        security: read.security,
        params: { type: 'object', properties: { hashtag: { type: 'string' } }, required: ['hashtag'] },
        querystring: timelineQuery,
        response: { 200: listOf('Status'), ...errorResponses },
      },
    },
    async (request, reply) => {
      if (nothing(request.query)) return [];
      const page = apiPage(request.query);
      const list = await services.tags.statuses(request.params.hashtag, page, viewerId(request) ?? undefined);
      return send(request, reply, list);
    },
  );
}
