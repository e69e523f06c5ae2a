// GET /api/v2/search, GET /api/v1/favourites and GET /api/v1/bookmarks.
import { Type } from 'typebox';
import type { WebDeps } from '../../deps.ts';
import { actorId, guard, viewerId } from '../../api/auth.ts';
import { entityContext } from '../../api/context.ts';
import { accounts, statuses, statusesJson, tagEntity } from '../../api/entities.ts';
import { pagedEntriesResponse } from '../../api/paged-response.ts';
import { apiPage, pageQuery } from '../../api/pagination.ts';
import { route, type ApiFastify } from '../../api/route.ts';
import { errorResponses, listOf, ref } from '../../api/schemas.ts';

// Rails' String#to_i: the leading digits; none is "not given".
const int = (v: string | undefined) => {
  const m = /^\s*[+-]?\d+/.exec(v ?? '');
  return m ? Number(m[0]) : undefined;
};

/** Search and the viewer's favourites and bookmarks. */
export default async function searchRoutes(fastify: ApiFastify, deps: WebDeps) {
  const { services } = deps;

  fastify.get(
    '/api/v2/search',
    route(guard(['read:search'], 'public'), {
      tags: ['search'],
      summary: 'Search accounts, hashtags and statuses',
      description:
        'Accounts by username or display name, hashtags by prefix, statuses by full text. `type` picks one ' +
        'kind; `limit` (default 20, at most 40) and `offset` page each kind. `resolve` is ignored: there ' +
        'are no remote accounts. A blank query finds nothing.',
      querystring: Type.Object({
        q: Type.Optional(Type.String()),
        type: Type.Optional(Type.String({ description: '`accounts`, `hashtags` or `statuses`.' })),
        limit: Type.Optional(Type.String()),
        offset: Type.Optional(Type.String()),
        resolve: Type.Optional(Type.Boolean()),
        following: Type.Optional(Type.Boolean()),
        account_id: Type.Optional(Type.String()),
      }),
      response: { 200: ref('Search'), ...errorResponses },
    }),
    async (request) => {
      const ctx = entityContext(deps, request);
      const results = await services.search.search({
        q: request.query.q ?? '',
        type: request.query.type,
        limit: int(request.query.limit),
        offset: int(request.query.offset),
        viewerId: viewerId(request) ?? undefined,
        // Mastodon answers a query it cannot use (blank, say) with empty results, not an error.
        emptyWhenInvalid: true,
      });
      return {
        accounts: await accounts(ctx, results.accounts),
        statuses: await statuses(ctx, results.statuses),
        hashtags: (await services.tags.infos(results.hashtags, ctx.viewerId)).map((t) => tagEntity(ctx, t)),
      };
    },
  );

  fastify.get(
    '/api/v1/favourites',
    route(guard(['read:favourites'], 'user'), {
      tags: ['statuses'],
      summary: 'Statuses you favourited',
      description: 'Newest favourite first; paginated by favourite (Link header).',
      querystring: Type.Object(pageQuery(20)),
      response: { 200: listOf('Status'), ...errorResponses },
    }),
    async (request, reply) => {
      const entries = await services.favourites.list({
        actorId: actorId(request),
        page: apiPage(request.query),
      });
      return pagedEntriesResponse(deps, request, reply, entries, statusesJson);
    },
  );

  fastify.get(
    '/api/v1/bookmarks',
    route(guard(['read:bookmarks'], 'user'), {
      tags: ['statuses'],
      summary: 'Statuses you bookmarked',
      description: 'Newest bookmark first; paginated by bookmark (Link header). Only what you may still see.',
      querystring: Type.Object(pageQuery(20)),
      response: { 200: listOf('Status'), ...errorResponses },
    }),
    async (request, reply) => {
      const entries = await services.bookmarks.list({
        actorId: actorId(request),
        page: apiPage(request.query),
      });
      return pagedEntriesResponse(deps, request, reply, entries, statusesJson);
    },
  );
}
