import type { FastifyInstance } from 'fastify';
import type { App } from '@microposts/runtime';
import apiPlumbing from '../../api/plumbing.ts';
import openapi from '../../api/openapi.ts';
import accountRoutes from './account-routes.ts';
import instanceRoutes from './instance-routes.ts';
import notificationRoutes from './notification-routes.ts';
import openapiRoutes from './openapi-routes.ts';
import registrationRoutes from './registration-routes.ts';
import searchRoutes from './search-routes.ts';
import startupRoutes from './startup-routes.ts';
import statusRoutes from './status-routes.ts';
import timelineRoutes from './timeline-routes.ts';
import statsApiRoutes from './stats-routes.ts';
import oauthApiRoutes from './oauth-routes.ts';

/** The Mastodon-compatible API, OAuth endpoints and discovery documents (JSON only, no cookies). */
export default async function apiRoutes(fastify: FastifyInstance, opts: { app: App }) {
  // First: the OpenAPI generator and the transport rules must see every API route registered below.
  await fastify.register(openapi, opts);
  await fastify.register(apiPlumbing, opts);
  await fastify.register(openapiRoutes, opts);
  await fastify.register(accountRoutes, opts);
  await fastify.register(registrationRoutes, opts);
  await fastify.register(statusRoutes, opts);
  await fastify.register(timelineRoutes, opts);
  await fastify.register(notificationRoutes, opts);
  await fastify.register(searchRoutes, opts);
  await fastify.register(instanceRoutes, opts);
  await fastify.register(startupRoutes, opts);
  await fastify.register(statsApiRoutes, opts);
  await fastify.register(oauthApiRoutes, opts);
}
