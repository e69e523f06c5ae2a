// Hashtags: one (with its week of use), follow and unfollow, and the ones you follow.
import { Type } from 'typebox';
import type { WebDeps } from '../../deps.ts';
import { actorId, guard, viewerId } from '../../api/auth.ts';
import { entityContext } from '../../api/context.ts';
import { tagEntity } from '../../api/entities.ts';
import { pagedEntriesResponse } from '../../api/paged-response.ts';
import { apiPage, pageQuery } from '../../api/pagination.ts';
import { route, type ApiFastify } from '../../api/route.ts';
import { errorResponses, listOf, ref } from '../../api/schemas.ts';

const tags = ['tags'];
const nameParams = Type.Object({ name: Type.String() });

/** The hashtag endpoints of the client API. */
export default async function tagRoutes(fastify: ApiFastify, deps: WebDeps) {
  const { services } = deps;

  fastify.get(
    '/api/v1/tags/:name',
    route(guard([], 'public'), {
      tags,
      summary: 'A hashtag',
      description:
        'Any valid name (ignoring case) answers; one nobody has used has `id` "" and an empty week, as on ' +
        'Mastodon. A name no hashtag can have is `404`.',
      params: nameParams,
      response: { 200: ref('Tag'), ...errorResponses },
    }),
    async (request) => {
      const info = await services.tags.get({ name: request.params.name, viewerId: viewerId(request) });
      return tagEntity(entityContext(deps, request), info);
    },
  );

  // Mastodon's scopes for both: follow, write or write:follows.
  const writeFollows = guard(['write:follows', 'follow'], 'user');
  for (const action of ['follow', 'unfollow'] as const) {
    fastify.post(
      `/api/v1/tags/:name/${action}`,
      route(writeFollows, {
        tags,
        summary: action === 'follow' ? 'Follow a hashtag' : 'Unfollow a hashtag',
        description:
          action === 'follow'
            ? 'Idempotent. The public and unlisted statuses of followed hashtags are in your home timeline.'
            : 'Idempotent.',
        params: nameParams,
        response: { 200: ref('Tag'), ...errorResponses },
      }),
      async (request) => {
        const input = { actorId: actorId(request), name: request.params.name };
        const info =
          action === 'follow' ? await services.tags.follow(input) : await services.tags.unfollow(input);
        return tagEntity(entityContext(deps, request), info);
      },
    );
  }

  fastify.get(
    '/api/v1/followed_tags',
    route(guard(['read:follows'], 'user'), {
      tags,
      summary: 'The hashtags you follow',
      description:
        'Newest follow first; paginated by the follow (Link header). `limit` default 100, at most 200.',
      querystring: Type.Object(pageQuery(100)),
      response: { 200: listOf('Tag'), ...errorResponses },
    }),
    async (request, reply) => {
      const entries = await services.tags.followed({
        actorId: actorId(request),
        page: apiPage(request.query, 100),
      });
      return pagedEntriesResponse(deps, request, reply, entries, (ctx, items) =>
        items.map((t) => tagEntity(ctx, t)),
      );
    },
  );
}
