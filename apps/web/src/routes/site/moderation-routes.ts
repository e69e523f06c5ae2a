import type { FastifyInstance } from 'fastify';
import { pageRequest } from '@microposts/core';
import type { WebDeps } from '../../deps.ts';
import { moderationPage } from '../../views/pages/moderation-page.ts';
import { pageContext, sendPage, setFlash } from './page-context.ts';
import { requireViewer } from './require-viewer.ts';

type PageQuery = { Querystring: { max_id?: string } };
type ReportParams = { Params: { id: string } };

/**
 * The moderators' queue of reports. Whether the viewer may see it or act is the reports services'
 * rule (`forbidden` otherwise, a 403 page); the routes only parse and render.
 */
export default async function moderationRoutes(fastify: FastifyInstance, deps: WebDeps) {
  const { services } = deps;

  for (const [path, resolved] of [
    ['/moderation', false],
    ['/moderation/resolved', true],
  ] as const) {
    fastify.get<PageQuery>(path, async (request, reply) => {
      const viewer = requireViewer(request, reply);
      if (!viewer) return reply;
      const page = pageRequest({ max_id: request.query.max_id });
      const view = await services.reports.list({ actorId: viewer.id, resolved, page });
      return sendPage(
        reply,
        moderationPage(pageContext(request, reply), { ...view, resolved, limit: page.limit }),
      );
    });
  }

  fastify.post<ReportParams>('/moderation/reports/:id/dismiss', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    await services.reports.dismiss({ actorId: viewer.id, reportId: request.params.id });
    setFlash(request, 'The report was dismissed.');
    return reply.redirect('/moderation', 303);
  });

  fastify.post<ReportParams>('/moderation/reports/:id/delete-statuses', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const { deleted } = await services.reports.deleteStatuses({
      actorId: viewer.id,
      reportId: request.params.id,
    });
    setFlash(
      request,
      `${deleted === 1 ? 'The post was' : `${deleted} posts were`} deleted; the report is resolved.`,
    );
    return reply.redirect('/moderation', 303);
  });

  fastify.post<ReportParams>('/moderation/reports/:id/suspend', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const { account, resolved } = await services.reports.suspendAccount({
      actorId: viewer.id,
      reportId: request.params.id,
    });
    setFlash(
      request,
      `@${account.username} is suspended; ${resolved === 1 ? 'its report is' : `its ${resolved} open reports are`} resolved.`,
    );
    return reply.redirect('/moderation', 303);
  });
}
