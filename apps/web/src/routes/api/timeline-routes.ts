// Timelines: public (with `local`), home, and a hashtag's.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { FilterContext, Status } from '@microposts/core';
import type { WebDeps } from '../../deps.ts';
import { actorId, guard, viewerId } from '../../api/auth.ts';
import { filteredStatusesJson } from '../../api/filtered.ts';
import { pagedResponse } from '../../api/paged-response.ts';
import { apiPage, pageQuery } from '../../api/pagination.ts';
import { route, type ApiFastify } from '../../api/route.ts';
import { errorResponses, listOf } from '../../api/schemas.ts';

const tags = ['timelines'];

const timelineQuery = Type.Object({
  ...pageQuery(20),
  local: Type.Optional(Type.Boolean({ description: 'Only local statuses (every status here is local).' })),
  remote: Type.Optional(
    Type.Boolean({ description: 'Only remote statuses (there are none: an empty list).' }),
  ),
  only_media: Type.Optional(
    Type.Boolean({ description: 'Only statuses with media attachments (public and hashtag timelines).' }),
  ),
});

// This server has no remote statuses: that filter leaves nothing.
const nothing = (q: Static<typeof timelineQuery>) => q.remote === true;
const media = (q: Static<typeof timelineQuery>) => ({ onlyMedia: q.only_media === true });

/** The timelines of the client API. */
export default async function timelineRoutes(fastify: ApiFastify, deps: WebDeps) {
  const { services } = deps;
  // Each timeline in its filter context (the viewer's filters: docs/api.md "Filters").
  const send = (request: FastifyRequest, reply: FastifyReply, list: Status[], context: FilterContext) =>
    pagedResponse(deps, request, reply, list, filteredStatusesJson(deps, context));
  const read = guard(['read:statuses'], 'public');

  fastify.get(
    '/api/v1/timelines/public',
    route(read, {
      tags,
      summary: 'Public timeline',
      description: 'Public statuses of everyone, newest first.',
      querystring: timelineQuery,
      response: { 200: listOf('Status'), ...errorResponses },
    }),
    async (request, reply) => {
      if (nothing(request.query)) return [];
      const list = await services.timelines.public(
        apiPage(request.query),
        viewerId(request) ?? undefined,
        media(request.query),
      );
      return send(request, reply, list, 'public');
    },
  );

  fastify.get(
    '/api/v1/timelines/home',
    route(guard(['read:statuses'], 'user'), {
      tags,
      summary: 'Home timeline',
      description: 'Your statuses and those of the accounts you follow, newest first.',
      querystring: timelineQuery,
      response: { 200: listOf('Status'), ...errorResponses },
    }),
    async (request, reply) => {
      // only_media is not offered on the home timeline: with it, nothing (as before).
      if (nothing(request.query) || request.query.only_media === true) return [];
      const list = await services.timelines.home({ actorId: actorId(request), page: apiPage(request.query) });
      return send(request, reply, list, 'home');
    },
  );

  fastify.get(
    '/api/v1/timelines/tag/:hashtag',
    route(read, {
      tags,
      summary: 'Hashtag timeline',
      description: 'Public statuses with the hashtag (ignoring case), newest first.',
      params: Type.Object({ hashtag: Type.String() }),
      querystring: timelineQuery,
      response: { 200: listOf('Status'), ...errorResponses },
    }),
    async (request, reply) => {
      if (nothing(request.query)) return [];
      const page = apiPage(request.query);
      const list = await services.tags.statuses(
        request.params.hashtag,
        page,
        viewerId(request) ?? undefined,
        media(request.query),
      );
      return send(request, reply, list, 'public');
    },
  );
}
