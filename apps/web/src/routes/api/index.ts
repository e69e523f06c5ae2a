import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../../deps.ts';
import apiPlumbing from '../../api/plumbing.ts';
import openapi from '../../api/openapi.ts';
import accountRoutes from './account-routes.ts';
import discoveryRoutes from './discovery-routes.ts';
import filterRoutes from './filter-routes.ts';
import markerRoutes from './marker-routes.ts';
import tagRoutes from './tag-routes.ts';
import blockRoutes from './block-routes.ts';
import conversationRoutes from './conversation-routes.ts';
import instanceRoutes from './instance-routes.ts';
import mediaRoutes from './media-routes.ts';
import muteRoutes from './mute-routes.ts';
import notificationRoutes from './notification-routes.ts';
import openapiRoutes from './openapi-routes.ts';
import pollRoutes from './poll-routes.ts';
import registrationRoutes from './registration-routes.ts';
import reportRoutes from './report-routes.ts';
import searchRoutes from './search-routes.ts';
import startupRoutes from './startup-routes.ts';
import statusRoutes from './status-routes.ts';
import statusHistoryPinRoutes from './status-history-pin-routes.ts';
import timelineRoutes from './timeline-routes.ts';
import statsApiRoutes from './stats-routes.ts';
import oauthApiRoutes from './oauth-routes.ts';

/** The Mastodon-compatible API, OAuth endpoints and discovery documents (JSON only, no cookies). */
export default async function apiRoutes(fastify: FastifyInstance, deps: WebDeps) {
  // First: the OpenAPI generator and the transport rules must see every API route registered below.
  await fastify.register(openapi, deps);
  await fastify.register(apiPlumbing, deps);
  await fastify.register(openapiRoutes, deps);
  await fastify.register(accountRoutes, deps);
  await fastify.register(blockRoutes, deps);
  await fastify.register(muteRoutes, deps);
  await fastify.register(conversationRoutes, deps);
  await fastify.register(registrationRoutes, deps);
  await fastify.register(statusRoutes, deps);
  await fastify.register(pollRoutes, deps);
  await fastify.register(statusHistoryPinRoutes, deps);
  await fastify.register(mediaRoutes, deps);
  await fastify.register(timelineRoutes, deps);
  await fastify.register(notificationRoutes, deps);
  await fastify.register(searchRoutes, deps);
  await fastify.register(instanceRoutes, deps);
  await fastify.register(startupRoutes, deps);
  await fastify.register(statsApiRoutes, deps);
  await fastify.register(markerRoutes, deps);
  await fastify.register(discoveryRoutes, deps);
  await fastify.register(tagRoutes, deps);
  await fastify.register(oauthApiRoutes, deps);
  await fastify.register(reportRoutes, deps);
  await fastify.register(filterRoutes, deps);
}
