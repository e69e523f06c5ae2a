// Voting on the website: the poll's form (radio buttons or checkboxes) posts here, through the same
// service as the API, and comes back to the page it was sent from.
import type { FastifyInstance } from 'fastify';
import { statusPath } from '@microposts/core';
import type { WebDeps } from '../../deps.ts';
import { statusPage } from '../../views/pages/status-page.ts';
import { formValue } from '../../params.ts';
import { safeReturnPath, submitForm } from './form.ts';
import { pageContext, setFlash } from './page-context.ts';
import { requireViewer } from './require-viewer.ts';

type StatusParams = { Params: { username: string; id: string } };

export default async function pollRoutes(fastify: FastifyInstance, deps: WebDeps) {
  const { services } = deps;

  fastify.post<StatusParams>('/@:username/:id/vote', { config: { form: true } }, async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const raw = body['choices'];
    const choices = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(
      (c): c is string => typeof c === 'string',
    );
    return submitForm(
      reply,
      async () => {
        const status = await services.polls.vote({ actorId: viewer.id, pollId: request.params.id, choices });
        setFlash(request, 'Your vote was counted.');
        const back = formValue(request, 'return_to');
        return reply.redirect(back ? safeReturnPath(back) : statusPath(status), 303);
      },
      async (errors) => {
        // The status page, with why the vote was refused at the top.
        const thread = await services.statuses.context({ statusId: request.params.id, viewerId: viewer.id });
        const message = errors.choices ?? Object.values(errors)[0];
        return statusPage({ ...pageContext(request, reply), flash: message }, thread.status, thread);
      },
    );
  });
}
