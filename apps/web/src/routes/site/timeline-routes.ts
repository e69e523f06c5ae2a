import type { FastifyInstance } from 'fastify';
import { pageRequest } from '@microposts/core';
import type { WebDeps } from '../../deps.ts';
import { profilePage } from '../../views/pages/profile-page.ts';
import { timelinePage } from '../../views/pages/timeline-page.ts';
import { pageContext, sendPage } from './page-context.ts';
import { applyPageFilters } from './page-filters.ts';

type PageQuery = { Querystring: { max_id?: string } };

/** The public timeline and profiles. */
export default async function timelineRoutes(fastify: FastifyInstance, deps: WebDeps) {
  const { services } = deps;

  // Logged in, `/` is the home timeline; `/public` is everyone's, logged in or not.
  fastify.get<PageQuery>('/', async (request, reply) => {
    const page = pageRequest({ max_id: request.query.max_id });
    const viewer = request.viewer;
    const statuses = viewer
      ? await services.timelines.home({ actorId: viewer.id, page })
      : await services.timelines.public(page);
    const tab = viewer ? 'home' : 'public';
    const ctx = await applyPageFilters(deps, request, pageContext(request, reply), tab, statuses);
    return sendPage(reply, timelinePage(ctx, statuses, page.limit, undefined, tab));
  });

  fastify.get<PageQuery>('/public', async (request, reply) => {
    const page = pageRequest({ max_id: request.query.max_id });
    const statuses = await services.timelines.public(page, request.viewer?.id);
    const ctx = await applyPageFilters(deps, request, pageContext(request, reply), 'public', statuses);
    return sendPage(reply, timelinePage(ctx, statuses, page.limit, undefined, 'public'));
  });

  fastify.get<PageQuery & { Params: { username: string } }>('/@:username', async (request, reply) => {
    const page = pageRequest({ max_id: request.query.max_id });
    const viewerId = request.viewer?.id;
    const account = await services.accounts.profile(request.params.username);
    const [{ statuses }, relationships, pinned] = await Promise.all([
      services.timelines.account(account.username, page, viewerId),
      viewerId ? services.follows.relationships({ actorId: viewerId, targetIds: [account.id] }) : [],
      // Pinned statuses head the first page only.
      request.query.max_id
        ? []
        : services.pins.list({ accountId: account.id, page: pageRequest({}), viewerId }),
    ]);
    const ctx = await applyPageFilters(deps, request, pageContext(request, reply), 'account', [
      ...statuses,
      ...pinned,
    ]);
    return sendPage(reply, profilePage(ctx, account, statuses, page.limit, relationships[0], pinned));
  });
}
