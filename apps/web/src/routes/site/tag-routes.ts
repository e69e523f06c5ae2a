import type { FastifyInstance } from 'fastify';
import { pageRequest } from '@microposts/core';
import type { WebDeps } from '../../deps.ts';
import { tagPage } from '../../views/pages/tag-page.ts';
import { pageContext, sendPage } from './page-context.ts';
import { applyPageFilters } from './page-filters.ts';

/** Hashtag pages: `/tags/<tag>`, case-insensitive; an invalid tag is a 404 page saying why. */
export default async function tagRoutes(fastify: FastifyInstance, deps: WebDeps) {
  // "/tags/" with nothing after it: the same clear 404 as any invalid tag.
  fastify.get('/tags', async () => deps.services.tags.timeline('', { limit: 1 }));
  // A wildcard, not ":tag": parameters are capped at 100 characters (a bare 414), and a long or
  // slashed tag deserves the same clear explanation as any other invalid one.
  fastify.get<{ Params: { '*': string }; Querystring: { max_id?: string } }>(
    '/tags/*',
    async (request, reply) => {
      const page = pageRequest({ max_id: request.query.max_id });
      const timeline = await deps.services.tags.timeline(
        request.params['*'].replace(/\/$/, ''),
        page,
        request.viewer?.id,
      );
      const ctx = pageContext(request, reply);
      await applyPageFilters(deps, request, ctx, 'public', timeline.statuses);
      return sendPage(reply, tagPage(ctx, timeline, page.limit, !!page.maxId));
    },
  );
}
