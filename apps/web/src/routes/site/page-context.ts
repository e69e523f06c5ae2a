import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PageContext } from '../../views/context.ts';
import { htmlBytes, type SafeHtml } from '../../views/html.ts';
import { csrfToken } from '../../plugins/csrf.ts';
import { takeFlash } from '../../plugins/flash.ts';

/** Builds the frame data for a page; the CSRF token is made only if the page has a form. */
export function pageContext(request: FastifyRequest, reply: FastifyReply): PageContext {
  let token: string | undefined;
  // Cookies are parsed unless the request was refused before any hook ran (a malformed URL).
  const cookies = request.cookies !== undefined;
  return {
    viewer: request.viewer ?? null,
    path: request.url.split('?')[0]!,
    flash: cookies ? takeFlash(request, reply) : undefined,
    unreadNotifications: request.unreadNotifications ?? 0,
    get csrfToken() {
      token ??= cookies ? csrfToken(request, reply) : '';
      return token;
    },
  };
}

/** Sends a rendered page, as bytes encoded part by part (views/html.ts says why). */
export function sendPage(reply: FastifyReply, page: SafeHtml, status = 200) {
  return reply.code(status).type('text/html; charset=utf-8').send(htmlBytes(page));
}

export { setFlash } from '../../plugins/flash.ts';
