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
        // A bad reply goes back to its thread, with the error under the reply form and the text kept.
        if (input.inReplyToId && error instanceof ValidationError) {
          const thread = await services.statuses
            .context({ statusId: input.inReplyToId, viewerId: viewer.id })
            .catch(() => null);
          if (thread) {
            const state = { text: input.text, errors };
            return sendPage(
              reply,
              statusPage(pageContext(request, reply), thread.status, thread, state),
              422,
            );
          }
        }
        const page = pageRequest({});
        // The form lives on `/`, which is the home timeline for a logged-in person.
        const statuses = await services.timelines.home({ actorId: viewer.id, page });
        const compose = { text: input.text, errors, inReplyToId: input.inReplyToId ?? undefined };
        const ctx = pageContext(request, reply);
        return sendPage(reply, timelinePage(ctx, statuses, page.limit, compose, 'home'), 422);
      }
    },
  );

  fastify.get<{ Params: { username: string; id: string } }>('/@:username/:id', async (request, reply) => {
    const thread = await services.statuses.context({
      statusId: request.params.id,
      viewerId: request.viewer?.id,
    });
    const status = thread.status;
    if (status.account.username.toLowerCase() !== request.params.username.toLowerCase()) {
      return reply.redirect(`/@${status.account.username}/${status.id}`, 301);
    }
    return sendPage(reply, statusPage(pageContext(request, reply), status, thread));
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
