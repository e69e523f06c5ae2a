import type { FastifyInstance } from 'fastify';
import type { App } from '@microposts/runtime';
import authRoutes from './auth-routes.ts';
import statusRoutes from './status-routes.ts';
import timelineRoutes from './timeline-routes.ts';
import socialRoutes from './social-routes.ts';
import { addUnreadNotificationsHook } from './unread-notifications.ts';
import statsRoutes from './stats-routes.ts';
import tagRoutes from './tag-routes.ts';
import searchRoutes from './search-routes.ts';
import settingsRoutes from './settings-routes.ts';
import emailRoutes from './email-routes.ts';
import authorizeRoutes from './authorize-routes.ts';
import appSettingsRoutes from './app-settings-routes.ts';

/** The website: every cookie-authenticated form is checked for its CSRF token. */
export default async function siteRoutes(fastify: FastifyInstance, opts: { app: App }) {
  fastify.addHook('preHandler', (request, reply, done) => {
    if (request.method === 'POST' && !request.routeOptions.config.csrfExempt)
      fastify.csrfProtection(request, reply, done);
    else done();
  });
  addUnreadNotificationsHook(fastify, opts.app);
  await fastify.register(authRoutes, opts);
  await fastify.register(timelineRoutes, opts);
  await fastify.register(statusRoutes, opts);
  await fastify.register(socialRoutes, opts);
  await fastify.register(statsRoutes, opts);
  await fastify.register(tagRoutes, opts);
  await fastify.register(searchRoutes, opts);
  await fastify.register(settingsRoutes, opts);
  await fastify.register(emailRoutes, opts);
  await fastify.register(authorizeRoutes, opts);
  await fastify.register(appSettingsRoutes, opts);
}
