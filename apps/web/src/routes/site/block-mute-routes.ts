import type { FastifyInstance } from 'fastify';
import { pageRequest, profilePath } from '@microposts/core';
import type { WebDeps } from '../../deps.ts';
import { blockedAccountsPage, mutedAccountsPage } from '../../views/pages/blocks-mutes-pages.ts';
import { formValue } from '../../params.ts';
import { safeReturnPath } from './form.ts';
import { pageContext, sendPage, setFlash } from './page-context.ts';
import { requireViewer } from './require-viewer.ts';

type UserParams = { Params: { username: string } };
type PageQuery = { Querystring: { max_id?: string } };

/** Block, unblock, mute and unmute from a profile, and the lists of blocked and muted accounts in settings. */
export default async function blockMuteRoutes(fastify: FastifyInstance, deps: WebDeps) {
  const { services } = deps;

  const verbs = {
    block: (actorId: string, targetId: string) => services.blocks.block({ actorId, targetId }),
    unblock: (actorId: string, targetId: string) => services.blocks.unblock({ actorId, targetId }),
    unmute: (actorId: string, targetId: string) => services.mutes.unmute({ actorId, targetId }),
  };
  const said = {
    block: (name: string) => `You blocked ${name}.`,
    unblock: (name: string) => `You unblocked ${name}.`,
    unmute: (name: string) => `You unmuted ${name}.`,
    mute: (name: string) => `You muted ${name}.`,
  };
  for (const verb of ['block', 'unblock', 'unmute', 'mute'] as const) {
    fastify.post<UserParams>(`/@:username/${verb}`, async (request, reply) => {
      const viewer = requireViewer(request, reply);
      if (!viewer) return reply;
      const target = await services.accounts.getByUsername(request.params.username);
      if (verb === 'mute')
        await services.mutes.mute({
          actorId: viewer.id,
          targetId: target.id,
          // an unticked checkbox is not sent at all: no notifications hidden
          notifications: formValue(request, 'notifications') === 'on',
          duration: formValue(request, 'duration'),
        });
      else await verbs[verb](viewer.id, target.id);
      setFlash(request, said[verb](`@${target.username}`));
      const back = formValue(request, 'return_to');
      return reply.redirect(back ? safeReturnPath(back) : profilePath(target), 303);
    });
  }

  fastify.get<PageQuery>('/settings/blocks', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const page = pageRequest({ max_id: request.query.max_id }, 40);
    const entries = await services.blocks.list({ actorId: viewer.id, page });
    return sendPage(reply, blockedAccountsPage(pageContext(request, reply), entries, page.limit));
  });

  fastify.get<PageQuery>('/settings/mutes', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const page = pageRequest({ max_id: request.query.max_id }, 40);
    const entries = await services.mutes.list({ actorId: viewer.id, page });
    return sendPage(reply, mutedAccountsPage(pageContext(request, reply), entries, page.limit));
  });
}
