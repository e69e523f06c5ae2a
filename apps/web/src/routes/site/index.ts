import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { multipartOptions } from '../../uploads.ts';
import type { WebDeps } from '../../deps.ts';
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
export default async function siteRoutes(fastify: FastifyInstance, deps: WebDeps) {
  // Forms with files (compose, profile pictures) are multipart; their fields are the body as usual.
  await fastify.register(multipart, multipartOptions);
  fastify.addHook('preHandler', (request, reply, done) => {
    if (request.method === 'POST' && !request.routeOptions.config.csrfExempt)
      fastify.csrfProtection(request, reply, done);
    else done();
  });
  addUnreadNotificationsHook(fastify, deps);
  await fastify.register(authRoutes, deps);
  await fastify.register(timelineRoutes, deps);
  await fastify.register(statusRoutes, deps);
  await fastify.register(socialRoutes, deps);
  await fastify.register(statsRoutes, deps);
  await fastify.register(tagRoutes, deps);
  await fastify.register(searchRoutes, deps);
  await fastify.register(settingsRoutes, deps);
  await fastify.register(emailRoutes, deps);
  await fastify.register(authorizeRoutes, deps);
  await fastify.register(appSettingsRoutes, deps);
}
