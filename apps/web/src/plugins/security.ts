// Security headers, with a strict Content-Security-Policy: no inline script or style anywhere.
// Helmet's middleware is made once: @fastify/helmet made it again for every request (parsing the
// policy each time: 6-9% of a cached page's CPU, docs/performance.md). The same headers either way.
import fp from 'fastify-plugin';
import helmet from 'helmet';
import type { WebDeps } from '../deps.ts';

export default fp<WebDeps>(async (fastify, deps) => {
  // Images come from here, from object storage (S3) when media live there, and from blob: URLs
  // (the compose form's previews of chosen files).
  const media = deps.config.media.storage === 's3' ? [new URL(deps.config.media.publicUrl).origin] : [];
  const secure = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...media],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
  });
  fastify.addHook('onRequest', (request, reply, done) =>
    secure(request.raw, reply.raw, (error) => done(error as Error | undefined)),
  );
});
