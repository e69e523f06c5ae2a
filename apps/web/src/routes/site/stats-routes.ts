import type { FastifyInstance } from 'fastify';
import { lastCompleteDay } from '@microposts/core';
import type { WebDeps } from '../../deps.ts';
import { statsPage } from '../../views/pages/stats-page.ts';
import { pageContext, sendPage } from './page-context.ts';

/** `/stats`: public daily statistics, 30 days ending yesterday or `?to=YYYY-MM-DD`. */
export default async function statsRoutes(fastify: FastifyInstance, deps: WebDeps) {
  fastify.get<{ Querystring: { to?: unknown } }>('/stats', async (request, reply) => {
    // A bad ?to= is a ValidationError: the error page says what is wrong with it (422).
    const data = await deps.services.stats.list({ to: request.query.to });
    return sendPage(reply, statsPage(pageContext(request, reply), { ...data, latest: lastCompleteDay() }));
  });
}
