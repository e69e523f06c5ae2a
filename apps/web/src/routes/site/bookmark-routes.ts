// Bookmarks on the website: the bookmark button's forms and the /bookmarks page; the boost button's
// forms (the same shape: a form that comes back to where it was sent from).
import type { FastifyInstance } from 'fastify';
import { pageRequest, statusPath } from '@microposts/core';
import type { WebDeps } from '../../deps.ts';
import { bookmarksPage } from '../../views/pages/bookmarks-page.ts';
import { formValue } from '../../params.ts';
import { safeReturnPath } from './form.ts';
import { pageContext, sendPage } from './page-context.ts';
import { requireViewer } from './require-viewer.ts';

type StatusParams = { Params: { username: string; id: string } };

/** Bookmark and unbookmark (forms that come back to where they were sent from), and the list. */
export default async function bookmarkRoutes(fastify: FastifyInstance, deps: WebDeps) {
  const { services } = deps;

  for (const verb of ['bookmark', 'unbookmark'] as const) {
    fastify.post<StatusParams>(`/@:username/:id/${verb}`, async (request, reply) => {
      const viewer = requireViewer(request, reply);
      if (!viewer) return reply;
      const status = await services.bookmarks[verb]({ actorId: viewer.id, statusId: request.params.id });
      const back = formValue(request, 'return_to');
      return reply.redirect(back ? safeReturnPath(back) : statusPath(status), 303);
    });
  }

  for (const verb of ['reblog', 'unreblog'] as const) {
    fastify.post<StatusParams>(`/@:username/:id/${verb}`, async (request, reply) => {
      const viewer = requireViewer(request, reply);
      if (!viewer) return reply;
      const status = await services.reblogs[verb]({ actorId: viewer.id, statusId: request.params.id });
      const back = formValue(request, 'return_to');
      return reply.redirect(back ? safeReturnPath(back) : statusPath(status.reblog ?? status), 303);
    });
  }

  fastify.get<{ Querystring: { max_id?: string } }>('/bookmarks', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const page = pageRequest({ max_id: request.query.max_id });
    const entries = await services.bookmarks.list({ actorId: viewer.id, page });
    // The cursor is the bookmark's id, not the status's.
    const last = entries.at(-1);
    const older = entries.length === page.limit && last ? `/bookmarks?max_id=${last.id}` : null;
    return sendPage(
      reply,
      bookmarksPage(
        pageContext(request, reply),
        entries.map((e) => e.item),
        older,
      ),
    );
  });
}
