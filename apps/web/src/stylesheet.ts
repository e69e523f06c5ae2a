// The site's one stylesheet. Its sources are apps/web/styles/*.css, one file per component, joined in
// file-name order when the web process starts. The URL carries a hash of the result, so browsers keep it
// for a year and a change to any rule is a new URL: one request per page, no @import, no inline style.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

export interface Stylesheet {
  /** `/assets/site.<hash>.css`, what the layout links. */
  href: string;
  css: string;
}

const STYLES_DIR = path.join(import.meta.dirname, '..', 'styles');

/** Joins the .css files of a directory in name order (00-tokens.css first: the cascade depends on it). */
export function buildStylesheet(dir = STYLES_DIR): Stylesheet {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.css'))
    .sort();
  const css = files.map((name) => `/* ${name} */\n${readFileSync(path.join(dir, name), 'utf8')}`).join('\n');
  const hash = createHash('sha256').update(css).digest('hex').slice(0, 16);
  return { href: `/assets/site.${hash}.css`, css };
}

/** Built once, when the web process loads this module at start-up. */
export const stylesheet: Stylesheet = buildStylesheet();

/** Serves the stylesheet at its URL, immutable; any other hash is a 404 (nginx then asks another process). */
export function serveStylesheet(fastify: FastifyInstance, sheet: Stylesheet = stylesheet): void {
  fastify.get(sheet.href, (_request, reply) =>
    reply
      .type('text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(sheet.css),
  );
}
