import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../../deps.ts';
import { searchPage, type SearchState } from '../../views/pages/search-page.ts';
import { queryValue } from '../../params.ts';
import { submitForm } from './form.ts';
import { pageContext, sendPage } from './page-context.ts';

type SearchQuery = { Querystring: { q?: unknown; type?: unknown; offset?: unknown } };

const LIMIT = 20;

/** `/search`: the form alone, or results; a bad query is shown next to the field, never an error page. */
export default async function searchRoutes(fastify: FastifyInstance, deps: WebDeps) {
  fastify.get<SearchQuery>('/search', async (request, reply) => {
    const q = queryValue(request, 'q');
    const type = queryValue(request, 'type');
    const offsetRaw = queryValue(request, 'offset');
    const offset = /^\d{1,6}$/.test(offsetRaw) ? Number(offsetRaw) : 0;
    const state: SearchState = { q, type, offset, limit: LIMIT };
    const ctx = pageContext(request, reply);
    // Opening /search without a query shows the form, not an error.
    if (request.query.q === undefined) return sendPage(reply, searchPage(ctx, state));
    return submitForm(
      reply,
      async () => {
        state.results = await deps.services.search.search({
          q,
          type,
          limit: LIMIT,
          offset,
          viewerId: request.viewer?.id,
        });
        return sendPage(reply, searchPage(ctx, state));
      },
      // Keep what was typed, but not a huge query: the field's own limit would cut it anyway.
      (errors) => searchPage(ctx, { ...state, q: q.slice(0, 1000), errors }),
    );
  });
}
