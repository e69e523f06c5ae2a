// The single error handler: every error, from any route, becomes the answer error-policy.ts gives
// it — an HTML page on the website, `{"error": ...}` on the API (RFC 6749's form for OAuth) — and
// 5xx details stay in the log.
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { answerFor } from '../error-policy.ts';
import { RETRY_AFTER_SECONDS } from './health.ts';
import { errorPage } from '../views/pages/error-page.ts';
import { pageContext, sendPage } from '../routes/site/page-context.ts';

/** True for requests answered in JSON: the API, OAuth endpoints and discovery documents. */
export function isApiRequest(request: FastifyRequest): boolean {
  return (
    /^\/(api|oauth|\.well-known|nodeinfo)(\/|$)/.test(request.url) &&
    !request.url.startsWith('/api/docs') &&
    // the authorize page is a web page, with the website's error pages
    !request.url.startsWith('/oauth/authorize')
  );
}

/** Sends an error in the form the request expects: a page (its default text when none) or JSON. */
export async function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  message?: string,
) {
  if (isApiRequest(request))
    return reply.code(status).send({ error: message ?? (status === 404 ? 'Record not found' : 'Error') });
  return sendPage(reply, errorPage(pageContext(request, reply), status, message), status);
}

export default fp(async (fastify) => {
  fastify.setErrorHandler(async (error, request, reply) => {
    const api = isApiRequest(request);
    const answer = answerFor(error, api ? 'api' : 'page');
    if (answer.status === 503) {
      reply.header('retry-after', RETRY_AFTER_SECONDS);
      request.log.warn({ err: { message: (error as Error).message } }, 'service unavailable (503)');
    } else if (answer.status >= 500) request.log.error({ err: error }, 'request failed');
    else
      request.log.info(
        { err: { message: (error as Error).message, status: answer.status } },
        'request refused',
      );
    if (api && answer.body) {
      // OAuth's token and revoke endpoints answer in RFC 6749 form, never cached.
      if (answer.status === 401 && /^Basic\s/i.test(request.headers.authorization ?? ''))
        reply.header('www-authenticate', 'Basic realm="microposts"');
      return reply.code(answer.status).header('cache-control', 'no-store').send(answer.body);
    }
    return sendError(request, reply, answer.status, answer.message);
  });
  fastify.setNotFoundHandler(async (request, reply) => sendError(request, reply, 404));
});
