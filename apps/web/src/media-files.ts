// Media on local disk are served at /media/ (in production nginx serves them first, deploy/nginx.conf).
// Their keys are random and never rewritten, so a file may be cached for a year as immutable.
import { mkdirSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { Config } from '@microposts/runtime';

export async function serveMedia(fastify: FastifyInstance, config: Config): Promise<void> {
  if (config.media.storage !== 'disk') return;
  mkdirSync(config.media.dir, { recursive: true });
  await fastify.register(fastifyStatic, {
    root: config.media.dir,
    prefix: '/media/',
    decorateReply: false,
    index: false,
    list: false,
    dotfiles: 'deny',
    maxAge: '365d',
    immutable: true,
    // Only the files' own types (jpg, png): anything else (a file half-written under a temporary
    // name) is not served.
    allowedPath: (pathname) => /^\/[a-z0-9/_-]+\.(jpg|png)$/.test(pathname),
  });
}
