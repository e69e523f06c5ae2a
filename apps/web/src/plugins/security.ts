// Security headers, with a strict Content-Security-Policy: no inline script or style anywhere.
import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import type { WebDeps } from '../deps.ts';

export default fp<WebDeps>(async (fastify, deps) => {
  // Images come from here, from object storage (S3) when media live there, and from blob: URLs
  // (the compose form's previews of chosen files).
  const media = deps.config.media.storage === 's3' ? [new URL(deps.config.media.publicUrl).origin] : [];
  await fastify.register(helmet, {
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
});
