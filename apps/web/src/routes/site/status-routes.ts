import type { FastifyInstance } from 'fastify';
import { DomainError, pageRequest, ValidationError } from '@microposts/core';
import type { App } from '@microposts/runtime';
import { statusPage } from '../../views/pages/status-page.ts';
import { timelinePage } from '../../views/pages/timeline-page.ts';
import { formValue } from './form.ts';
import { pageContext, sendPage, setFlash } from './page-context.ts';
import { requireViewer } from './require-viewer.ts';

/** Compose, view and delete statuses. */
export default async function statusRoutes(fastify: FastifyInstance, { app }: { app: App }) {
  const { services } = app;

  fastify.post(
    '/statuses',
    {
      config: {
        rateLimit: {
          max: app.config.postRateLimit,
          timeWindow: '3 hours',
          hook: 'preHandler',
          keyGenerator: (request) => request.viewer?.id ?? request.ip,
        },
      },
    },
    async (request, reply) => {
      const viewer = requireViewer(request, reply);
      if (!viewer) return reply;
      const input = {
        text: formValue(request, 'text'),
        visibility: formValue(request, 'visibility') || 'public',
        inReplyToId: formValue(request, 'in_reply_to_id') || null,
      };
      try {
        const status = await services.statuses.create({ actorId: viewer.id, ...input });
        setFlash(request, 'Your post is live.');
        return reply.redirect(status.inReplyToId ? `/@${viewer.username}/${status.id}` : '/', 303);
      } catch (error) {
        if (!(error instanceof DomainError) || error.kind === 'forbidden') throw error;
        const errors = error instanceof ValidationError ? error.fields : { in_reply_to_id: error.message };
        const page = pageRequest({});
        const statuses = await services.timelines.public(page);
        const compose = { text: input.text, errors, inReplyToId: input.inReplyToId ?? undefined };
        return sendPage(reply, timelinePage(pageContext(request, reply), statuses, page.limit, compose), 422);
      }
    },
  );

  fastify.get<{ Params: { username: string; id: string } }>('/@:username/:id', async (request, reply) => {
    const status = await services.statuses.get(request.params.id);
    if (status.account.username.toLowerCase() !== request.params.username.toLowerCase()) {
      return reply.redirect(`/@${status.account.username}/${status.id}`, 301);
    }
    return sendPage(reply, statusPage(pageContext(request, reply), status));
  });

  fastify.post<{ Params: { username: string; id: string } }>(
    '/@:username/:id/delete',
    async (request, reply) => {
      const viewer = requireViewer(request, reply);
      if (!viewer) return reply;
      await services.statuses.delete({ actorId: viewer.id, statusId: request.params.id });
      setFlash(request, 'Your post was deleted.');
      return reply.redirect('/', 303);
    },
  );
}
