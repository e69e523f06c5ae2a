import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../../deps.ts';
import { appsSettingsPage } from '../../views/pages/apps-settings-page.ts';
import { pageContext, sendPage, setFlash } from './page-context.ts';
import { requireViewer } from './require-viewer.ts';

/** `/settings/apps`: the apps a person authorized, and revoking one (all its tokens for this person). */
export default async function appSettingsRoutes(fastify: FastifyInstance, deps: WebDeps) {
  const { services } = deps;

  fastify.get('/settings/apps', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const apps = await services.oauth.listAuthorizedApps(viewer.id);
    return sendPage(reply, appsSettingsPage(pageContext(request, reply), apps));
  });

  fastify.post<{ Params: { id: string } }>('/settings/apps/:id/revoke', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const apps = await services.oauth.listAuthorizedApps(viewer.id);
    const name = apps.find((a) => a.app.id === request.params.id)?.app.name;
    // NotFoundError (another person's app, or already revoked) becomes the 404 page.
    await services.oauth.revokeAuthorization({ accountId: viewer.id, appId: request.params.id });
    setFlash(request, `${name ?? 'The app'} can no longer use your account.`);
    return reply.redirect('/settings/apps', 303);
  });
}
