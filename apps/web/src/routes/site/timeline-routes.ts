import type { FastifyInstance } from 'fastify';
import { pageRequest } from '@microposts/core';
import type { App } from '@microposts/runtime';
import { profilePage } from '../../views/pages/profile-page.ts';
import { timelinePage } from '../../views/pages/timeline-page.ts';
import { pageContext, sendPage } from './page-context.ts';

type PageQuery = { Querystring: { max_id?: string } };

/** The public timeline and profiles. */
export default async function timelineRoutes(fastify: FastifyInstance, { app }: { app: App }) {
  const { services } = app;

  fastify.get<PageQuery>('/', async (request, reply) => {
    const page = pageRequest({ max_id: request.query.max_id });
    const statuses = await services.timelines.public(page);
    return sendPage(reply, timelinePage(pageContext(request, reply), statuses, page.limit));
  });

  fastify.get<PageQuery & { Params: { username: string } }>('/@:username', async (request, reply) => {
    const page = pageRequest({ max_id: request.query.max_id });
    const { account, statuses } = await services.timelines.account(request.params.username, page);
    return sendPage(reply, profilePage(pageContext(request, reply), account, statuses, page.limit));
  });
}
