// Maps errors to responses: domain errors to their status and message, everything else to a 500 whose
// details stay in the log. The website gets an HTML page, the API {"error": ...} (SPEC §7).
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@microposts/core';
import { isDatabaseUnavailable } from '@microposts/db';
import { RETRY_AFTER_SECONDS } from './health.ts';
import { errorPage } from '../views/pages/error-page.ts';
import { pageContext, sendPage } from '../routes/site/page-context.ts';

const STATUS: Record<DomainError['kind'], number> = {
  validation: 422,
  not_found: 404,
  forbidden: 403,
  conflict: 409,
  unauthenticated: 401,
  unprocessable: 422,
};

/** True for requests answered in JSON: the API, OAuth endpoints and discovery documents. */
export function isApiRequest(request: FastifyRequest): boolean {
  return (
    /^\/(api|oauth|\.well-known|nodeinfo)(\/|$)/.test(request.url) &&
    !request.url.startsWith('/api/docs') &&
    // the authorize page is a web page, with the website's error pages
    !request.url.startsWith('/oauth/authorize')
  );
}

function statusFor(error: unknown): number {
  if (error instanceof DomainError) return STATUS[error.kind];
  // PostgreSQL down or restarting: "come back in a moment", not a 500.
  if (isDatabaseUnavailable(error)) return 503;
  const code = (error as { statusCode?: number }).statusCode;
  return typeof code === 'number' && code >= 400 && code < 600 ? code : 500;
}

/** Sends an error in the form the request expects. */
export async function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  message?: string,
) {
  if (isApiRequest(request))
    return reply.code(status).send({ error: message ?? (status === 404 ? 'Record not found' : 'Error') });
  const ctx = pageContext(request, reply);
  // NotFoundError's default wording is the API's (Mastodon's); people get the friendly page text instead.
  const text = message === 'Record not found' ? undefined : message;
  return sendPage(reply, errorPage(ctx, status, text), status);
}

export default fp(async (fastify) => {
  fastify.setErrorHandler(async (error, request, reply) => {
    const status = statusFor(error);
    if (status === 503) reply.header('retry-after', RETRY_AFTER_SECONDS);
    if (status === 503)
      request.log.warn({ err: { message: (error as Error).message } }, 'service unavailable (503)');
    else if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ err: { message: (error as Error).message, status } }, 'request refused');
    const message =
      status >= 500
        ? isApiRequest(request)
          ? status === 503
            ? 'Service unavailable'
            : 'Internal server error'
          : undefined
        : error instanceof DomainError
          ? error.message
          : isApiRequest(request)
            ? (error as Error).message
            : undefined;
    return sendError(request, reply, status, message);
  });
  fastify.setNotFoundHandler(async (request, reply) => sendError(request, reply, 404));
});
