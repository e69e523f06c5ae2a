// GET /api/openapi.json (the generated document) and GET /api/docs (a page rendered from it).
import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../../deps.ts';
import { apiDocsPage } from '../../views/pages/api-docs-page.ts';
import { pageContext, sendPage } from '../site/page-context.ts';

/** The API's own description. */
export default async function openapiRoutes(fastify: FastifyInstance, _deps: WebDeps) {
  fastify.get('/api/openapi.json', { schema: { hide: true } }, async () => fastify.swagger());
  fastify.get('/api/docs', { schema: { hide: true } }, async (request, reply) =>
    sendPage(
      reply,
      apiDocsPage(pageContext(request, reply), fastify.swagger() as unknown as Record<string, unknown>),
    ),
  );
}
