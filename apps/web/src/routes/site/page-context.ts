import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PageContext } from '../../views/context.ts';

/** Builds the frame data for a page; the CSRF token is made only if the page has a form. */
export function pageContext(request: FastifyRequest, reply: FastifyReply): PageContext {
  let token: string | undefined;
  let flash: string | undefined;
  const hasSession = typeof request.session?.get === 'function';
  if (hasSession) {
    flash = request.session.get('flash');
    if (flash) request.session.set('flash', undefined);
  }
  return {
    viewer: request.viewer ?? null,
    path: request.url.split('?')[0]!,
    flash,
    unreadNotifications: request.unreadNotifications ?? 0,
    get csrfToken() {
      token ??= hasSession ? reply.generateCsrf() : '';
      return token;
    },
  };
}

/** Sends a rendered page. */
export function sendPage(reply: FastifyReply, page: { value: string }, status = 200) {
  return reply.code(status).type('text/html; charset=utf-8').send(page.value);
}

/** Stores a one-time message shown on the next page. */
export function setFlash(request: FastifyRequest, message: string): void {
  request.session.set('flash', message);
}
