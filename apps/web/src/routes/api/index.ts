import type { FastifyInstance } from 'fastify';
import type { App } from '@microposts/runtime';

/** The Mastodon-compatible API, OAuth endpoints and discovery documents (JSON only, no cookies). */
export default async function apiRoutes(_fastify: FastifyInstance, _opts: { app: App }) {}
