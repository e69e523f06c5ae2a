import type { FastifyInstance } from 'fastify';
import type { App } from '@microposts/runtime';
import authRoutes from './auth-routes.ts';
import statusRoutes from './status-routes.ts';
import timelineRoutes from './timeline-routes.ts';

/** The website: every cookie-authenticated form is checked for its CSRF token. */
export default async function siteRoutes(fastify: FastifyInstance, opts: { app: App }) {
  fastify.addHook('preHandler', (request, reply, done) => {
    if (request.method === 'POST') fastify.csrfProtection(request, reply, done);
    else done();
  });
  await fastify.register(authRoutes, opts);
  await fastify.register(timelineRoutes, opts);
  await fastify.register(statusRoutes, opts);
}
