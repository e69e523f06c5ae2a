// Builds the Fastify application: plugins first, then the website and the API.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import type { WebDeps } from './deps.ts';
import { parseParams } from './params.ts';
import csrf from './plugins/csrf.ts';
import errors, { sendError } from './plugins/errors.ts';
import health from './plugins/health.ts';
import flash from './plugins/flash.ts';
import metrics from './plugins/metrics.ts';
import security from './plugins/security.ts';
import session from './plugins/session.ts';
import oauth from './plugins/oauth.ts';
import rateLimits from './plugins/rate-limits.ts';
import requestIds, { requestId } from './plugins/request-id.ts';
import unreadBody from './plugins/unread-body.ts';
import siteRoutes from './routes/site/index.ts';
import apiRoutes from './routes/api/index.ts';
import { serveStylesheet } from './stylesheet.ts';
import streaming from './streaming/plugin.ts';
import { serveMedia } from './media-files.ts';
import { setMediaBase } from './views/media.ts';
import { sharedSerializers } from './shared-serializers.ts';

const publicDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'public');

/** Creates the web application from the services, configuration and logger of the composition root. */
export async function buildApp(app: WebDeps): Promise<FastifyInstance> {
  const deps: WebDeps = {
    services: app.services,
    config: app.config,
    logger: app.logger,
    readiness: app.readiness,
    changes: app.changes,
  };
  const fastify = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    // X-Forwarded-For is believed only from the proxies TRUST_PROXY names (none by default): anyone
    // else could send one and pass for another address, with a fresh log-in budget each time.
    trustProxy: deps.config.trustProxy.length > 0 ? deps.config.trustProxy : false,
    genReqId: requestId,
    schemaController: { compilersFactory: { buildSerializer: sharedSerializers() } },
    routerOptions: { querystringParser: parseParams, ignoreTrailingSlash: true },
    // A path that is not valid UTF-8 (say /tags/%ED%A0%80) never reaches a route: answer it like any
    // other bad request (a page on the website, {"error"} on the API), not with Fastify's own JSON.
    frameworkErrors: (_error, request, reply) =>
      void sendError(request, reply, 400, 'The address is not valid.'),
  });
  await fastify.register(errors);
  await fastify.register(requestIds);
  await fastify.register(unreadBody);
  await fastify.register(security, deps);
  await fastify.register(metrics);
  // Before the session: a probe must not depend on a cookie's session row.
  await fastify.register(health, deps);
  await fastify.register(formbody, { parser: parseParams });
  await fastify.register(rateLimits, deps);
  await fastify.register(fastifyStatic, { root: publicDir, prefix: '/assets/', maxAge: '1h' });
  serveStylesheet(fastify);
  await serveMedia(fastify, deps.config);
  setMediaBase(deps.config.media.storage === 'disk' ? '/media' : deps.config.media.publicUrl);
  await fastify.register(session, deps);
  await fastify.register(csrf, deps);
  await fastify.register(flash);
  await fastify.register(oauth, deps);
  await fastify.register(siteRoutes, deps);
  await fastify.register(apiRoutes, deps);
  await fastify.register(streaming, deps);
  return fastify;
}
