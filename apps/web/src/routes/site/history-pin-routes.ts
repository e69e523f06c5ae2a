// A status's versions page, and the Pin / Unpin buttons' forms.
import type { FastifyInstance } from 'fastify';
import { isDomainError, statusPath, ValidationError } from '@microposts/core';
import type { WebDeps } from '../../deps.ts';
import { statusHistoryPage } from '../../views/pages/status-history-page.ts';
import { formValue } from '../../params.ts';
import { setFlash } from '../../plugins/flash.ts';
import { safeReturnPath } from './form.ts';
import { pageContext, sendPage } from './page-context.ts';
import { requireViewer } from './require-viewer.ts';

type StatusParams = { Params: { username: string; id: string } };

/** `/@username/<id>/history`; pin and unpin (forms that come back to where they were sent from). */
export default async function historyPinRoutes(fastify: FastifyInstance, deps: WebDeps) {
  const { services } = deps;

  fastify.get<StatusParams>('/@:username/:id/history', async (request, reply) => {
    const viewerId = request.viewer?.id;
    const status = await services.statuses.get(request.params.id, viewerId);
    if (status.account.username.toLowerCase() !== request.params.username.toLowerCase())
      return reply.redirect(`${statusPath(status)}/history`, 301);
    const history = await services.statuses.history({ statusId: status.id, viewerId });
    return sendPage(reply, statusHistoryPage(pageContext(request, reply), status, history));
  });

  for (const verb of ['pin', 'unpin'] as const) {
    fastify.post<StatusParams>(`/@:username/:id/${verb}`, async (request, reply) => {
      const viewer = requireViewer(request, reply);
      if (!viewer) return reply;
      const back = formValue(request, 'return_to');
      const input = { actorId: viewer.id, statusId: request.params.id };
      try {
        const status = await services.pins[verb](input);
        setFlash(request, verb === 'pin' ? 'Pinned to your profile.' : 'Unpinned from your profile.');
        return reply.redirect(back ? safeReturnPath(back) : statusPath(status), 303);
      } catch (error) {
        // A refusal (the sixth pin, say) is told on the page the button was on.
        if (!(error instanceof ValidationError) || !isDomainError(error, 'validation_failed')) throw error;
        setFlash(request, Object.values(error.fields).join(' '));
        return reply.redirect(back ? safeReturnPath(back) : '/', 303);
      }
    });
  }
}
