// Direct conversations (Mastodon's /api/v1/conversations): the list, mark read, remove.
import { Type } from 'typebox';
import type { WebDeps } from '../../deps.ts';
import { actorId, guard } from '../../api/auth.ts';
import { entityContext, idParams } from '../../api/context.ts';
import { conversationsJson } from '../../api/entities.ts';
import { pagedEntriesResponse, sendJsonText } from '../../api/paged-response.ts';
import { apiPage, pageQuery } from '../../api/pagination.ts';
import { route, type ApiFastify } from '../../api/route.ts';
import { anyObject, errorResponses, listOf, ref } from '../../api/schemas.ts';

const tags = ['conversations'];

/** The direct conversations of the client API. */
export default async function conversationRoutes(fastify: ApiFastify, deps: WebDeps) {
  const { services } = deps;
  const write = guard(['write:conversations'], 'user');

  fastify.get(
    '/api/v1/conversations',
    route(guard(['read:statuses'], 'user'), {
      tags,
      summary: 'Your direct conversations',
      description:
        'Threads of direct statuses you take part in, newest status first; paginated by the id of ' +
        'that status (Link header), as Mastodon does.',
      querystring: Type.Object(pageQuery(20)),
      response: { 200: listOf('Conversation'), ...errorResponses },
    }),
    async (request, reply) => {
      const entries = await services.conversations.list({
        actorId: actorId(request),
        page: apiPage(request.query),
      });
      return pagedEntriesResponse(deps, request, reply, entries, conversationsJson);
    },
  );

  fastify.post(
    '/api/v1/conversations/:id/read',
    route(write, {
      tags,
      summary: 'Mark a conversation read',
      params: idParams,
      response: { 200: ref('Conversation'), ...errorResponses },
    }),
    async (request, reply) => {
      const read = await services.conversations.markRead({
        actorId: actorId(request),
        id: request.params.id,
      });
      return sendJsonText(reply, conversationsJson(entityContext(deps, request), [read]).slice(1, -1));
    },
  );

  fastify.delete(
    '/api/v1/conversations/:id',
    route(write, {
      tags,
      summary: 'Remove a conversation',
      description: 'Removes it from your list; its statuses stay. A new status in the thread brings it back.',
      params: idParams,
      response: { 200: anyObject, ...errorResponses },
    }),
    async (request) => {
      await services.conversations.remove({ actorId: actorId(request), id: request.params.id });
      return {};
    },
  );
}
