// GET /api/v2/search and GET /api/v1/favourites.
import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../../deps.ts';
import { actorId, guard, viewerId } from '../../api/auth.ts';
import { entityContext } from '../../api/context.ts';
import { accounts, statuses, tag } from '../../api/entities.ts';
import { pagedEntriesResponse } from '../../api/paged-response.ts';
import { apiPage, pageQuerySchema } from '../../api/pagination.ts';
import { str } from '../../api/params.ts';
import { errorResponses, listOf, ref } from '../../api/schemas.ts';

interface SearchQuery {
  Querystring: { q?: string; type?: string; limit?: string; offset?: string; resolve?: boolean };
}

const int = (v: unknown) => {
  const m = /^\s*[+-]?\d+/.exec(String(v ?? ''));
  return m ? Number(m[0]) : undefined;
};

/** Search and the viewer's favourites. */
export default async function searchRoutes(fastify: FastifyInstance, deps: WebDeps) {
  const { services } = deps;
  const read = guard(['read:search'], 'public');

  fastify.get<SearchQuery>(
    '/api/v2/search',
    {
      preHandler: read.preHandler,
      schema: {
        tags: ['search'],
        summary: 'Search accounts, hashtags and statuses',
        description:
          'Accounts by username or display name, hashtags by prefix, statuses by full text. `type` picks one ' +
          'kind; `limit` (default 20, at most 40) and `offset` page each kind. `resolve` is ignored: there ' +
          'are no remote accounts. A blank query finds nothing.',
        security: read.security,
        querystring: {
          type: 'object',
          properties: {
            q: { type: 'string' },
            type: { type: 'string', description: '`accounts`, `hashtags` or `statuses`.' },
            limit: { type: 'string' },
            offset: { type: 'string' },
            resolve: { type: 'boolean' },
            following: { type: 'boolean' },
            account_id: { type: 'string' },
          },
        },
        response: { 200: ref('Search'), ...errorResponses },
      },
    },
    async (request) => {
      const ctx = entityContext(deps, request);
      const results = await services.search.search({
        q: str(request.query.q) ?? '',
        type: str(request.query.type),
        limit: int(request.query.limit),
        offset: int(request.query.offset),
        viewerId: viewerId(request) ?? undefined,
        // Mastodon answers a query it cannot use (blank, say) with empty results, not an error.
        emptyWhenInvalid: true,
      });
      return {
        accounts: await accounts(ctx, results.accounts),
        statuses: await statuses(ctx, results.statuses),
        hashtags: results.hashtags.map((h) => tag(ctx, h.name)),
      };
    },
  );

  const favourites = guard(['read:favourites'], 'user');
  fastify.get<{ Querystring: Record<string, unknown> }>(
    '/api/v1/favourites',
    {
      preHandler: favourites.preHandler,
      schema: {
        tags: ['statuses'],
        summary: 'Statuses you favourited',
        description: 'Newest favourite first; paginated by favourite (Link header).',
        security: favourites.security,
        querystring: { type: 'object', properties: pageQuerySchema(20) },
        response: { 200: listOf('Status'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const entries = await services.favourites.list({
        actorId: actorId(request),
        page: apiPage(request.query),
      });
      return pagedEntriesResponse(deps, request, reply, entries, statuses);
    },
  );
}
