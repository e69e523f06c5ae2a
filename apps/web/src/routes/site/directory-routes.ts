import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../../deps.ts';
import { directoryPage } from '../../views/pages/directory-page.ts';
import { queryValue } from '../../params.ts';
import { pageContext, sendPage } from './page-context.ts';

const LIMIT = 40;

/** The profile directory page (the same service as GET /api/v1/directory). */
export default async function directoryRoutes(fastify: FastifyInstance, deps: WebDeps) {
  fastify.get('/directory', async (request, reply) => {
    const order = queryValue(request, 'order') === 'new' ? 'new' : 'active';
    const offset = Math.max(0, Math.min(10_000, Number.parseInt(queryValue(request, 'offset'), 10) || 0));
    const accounts = await deps.services.discovery.directory({ order, offset, limit: LIMIT });
    return sendPage(reply, directoryPage(pageContext(request, reply), order, accounts, offset, LIMIT));
  });
}
