import type { FastifyInstance } from 'fastify';
import { pageRequest, profilePath, statusPath } from '@microposts/core';
import type { WebDeps } from '../../deps.ts';
import { accountListPage } from '../../views/pages/account-list-page.ts';
import { notificationsPage } from '../../views/pages/notifications-page.ts';
import { formValue, toBoolean } from '../../params.ts';
import { safeReturnPath } from './form.ts';
import { pageContext, sendPage, setFlash } from './page-context.ts';
import { applyPageFilters } from './page-filters.ts';
import { requireViewer } from './require-viewer.ts';

type UserParams = { Params: { username: string } };
type StatusParams = { Params: { username: string; id: string } };
type PageQuery = { Querystring: { max_id?: string } };

/** Follow and unfollow, follower and following lists, favourites and notifications. */
export default async function socialRoutes(fastify: FastifyInstance, deps: WebDeps) {
  const { services } = deps;

  for (const verb of ['follow', 'unfollow'] as const) {
    fastify.post<UserParams>(`/@:username/${verb}`, async (request, reply) => {
      const viewer = requireViewer(request, reply);
      if (!viewer) return reply;
      const target = await services.accounts.getByUsername(request.params.username);
      // `reblogs` (the profile's "Hide boosts" / "Show boosts") changes only that on a follow.
      const reblogs = verb === 'follow' ? toBoolean(formValue(request, 'reblogs')) : undefined;
      if (verb === 'follow')
        await services.follows.follow({ actorId: viewer.id, targetId: target.id, reblogs });
      else await services.follows.unfollow({ actorId: viewer.id, targetId: target.id });
      setFlash(
        request,
        reblogs === false
          ? `You will not see boosts from @${target.username} on your home timeline.`
          : reblogs === true
            ? `You will see boosts from @${target.username} on your home timeline.`
            : verb === 'follow'
              ? `You are following @${target.username}.`
              : `You unfollowed @${target.username}.`,
      );
      return reply.redirect(profilePath(target), 303);
    });
  }

  for (const list of ['followers', 'following'] as const) {
    fastify.get<UserParams & PageQuery>(`/@:username/${list}`, async (request, reply) => {
      const page = pageRequest({ max_id: request.query.max_id }, 40);
      const account = await services.accounts.profile(request.params.username);
      const entries = await services.follows[list]({
        accountId: account.id,
        page,
        viewerId: request.viewer?.id,
      });
      return sendPage(
        reply,
        accountListPage(pageContext(request, reply), account, list, entries, page.limit),
      );
    });
  }

  for (const verb of ['favourite', 'unfavourite'] as const) {
    fastify.post<StatusParams>(`/@:username/:id/${verb}`, async (request, reply) => {
      const viewer = requireViewer(request, reply);
      if (!viewer) return reply;
      const status = await services.favourites[verb]({ actorId: viewer.id, statusId: request.params.id });
      const back = formValue(request, 'return_to');
      return reply.redirect(back ? safeReturnPath(back) : statusPath(status), 303);
    });
  }

  fastify.get<PageQuery>('/notifications', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const page = pageRequest({ max_id: request.query.max_id });
    const { notifications, unread } = await services.notifications.openPage({ actorId: viewer.id, page });
    if (unread !== null) request.unreadNotifications = unread;
    const ctx = await applyPageFilters(
      deps,
      request,
      pageContext(request, reply),
      'notifications',
      notifications.flatMap((n) => (n.status ? [n.status] : [])),
    );
    return sendPage(reply, notificationsPage(ctx, notifications, page.limit));
  });

  fastify.post<{ Params: { id: string } }>('/notifications/:id/dismiss', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    await services.notifications.dismiss({ actorId: viewer.id, id: request.params.id });
    return reply.redirect('/notifications', 303);
  });

  fastify.post('/notifications/clear', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    await services.notifications.clear({ actorId: viewer.id });
    setFlash(request, 'All notifications cleared.');
    return reply.redirect('/notifications', 303);
  });
}
