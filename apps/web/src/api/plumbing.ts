// Transport rules every client API route shares (API-NOTES "Transport"): bodies as JSON, forms,
// multipart and query parameters; Rails-style booleans; JSON errors with Mastodon's texts; CORS;
// X-RateLimit-* headers. Registered with fastify-plugin inside the API context, so it covers
// every route of routes/api (OAuth included) and nothing of the website.
import { createHash } from 'node:crypto';
import fp from 'fastify-plugin';
import cors from '@fastify/cors';
import multipart from '@fastify/multipart';
import qs from 'qs';
import type { FastifyError, FastifyRequest } from 'fastify';
import type { App } from '@microposts/runtime';
import { DomainError, ValidationError } from '@microposts/core';
import { isDatabaseUnavailable } from '@microposts/db';
import { RETRY_AFTER_SECONDS } from '../plugins/health.ts';
import { isApiRequest } from '../plugins/errors.ts';
import { normalizeParams } from './params.ts';
import { bearerToken } from '../plugins/oauth.ts';

const parseBrackets = (s: string) => qs.parse(s, { arrayLimit: 100, depth: 3 }) as Record<string, unknown>;

/** An error whose status and body text are exactly what the client API answers. */
export class ApiError extends Error {
  readonly statusCode: number;
  constructor(statusCode: number, message: string) {
    super(message);
    this.statusCode = statusCode;
  }
}

export const PARSE_ERROR = 'Error occurred while parsing request parameters.';

export default fp<{ app: App }>(async (fastify, { app }) => {
  // An empty JSON body is "no parameters" (Rails); malformed JSON is a 400 with a JSON body.
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = (body as string).trim();
    if (text === '') return done(null, {});
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new ApiError(400, PARSE_ERROR), undefined);
    }
  });
  // Multipart: fields only (uploads such as avatars are not supported; files are drained and dropped).
  await fastify.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fields: 200, fileSize: 8 * 1024 * 1024 },
    onFile: async (part) => {
      part.file.resume();
    },
  });

  await fastify.register(cors, {
    hook: 'onRequest',
    delegator: (request, callback) =>
      callback(null, {
        origin: isApiRequest(request as FastifyRequest) ? '*' : false,
        methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
        allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'Accept'],
        exposedHeaders: ['Link', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'],
        maxAge: 86400,
      }),
  });

  // Mastodon's limit: per token, or per IP without one. createRateLimit (rather than the route hook)
  // leaves routes free to add their own stricter limits, such as posting.
  const limiter = fastify.createRateLimit({
    max: app.config.apiRateLimit,
    timeWindow: 5 * 60 * 1000,
    // Keyed by the token as parsed, so variants of one header ("bearer  T") or junk headers
    // cannot buy fresh limits.
    keyGenerator: (request: FastifyRequest) => {
      const token = bearerToken(request);
      return token
        ? `api-token:${createHash('sha256').update(token).digest('base64url')}`
        : `api-ip:${request.ip}`;
    },
  });
  fastify.addHook('onRequest', async (request, reply) => {
    if (request.method === 'OPTIONS') return;
    const limit = await limiter(request);
    if (limit.isAllowed) return;
    reply.header('X-RateLimit-Limit', limit.max);
    reply.header('X-RateLimit-Remaining', limit.remaining);
    reply.header('X-RateLimit-Reset', new Date(Date.now() + limit.ttl).toISOString());
    if (limit.isExceeded) throw new ApiError(429, 'Too many requests');
  });

  fastify.addHook('preValidation', async (request) => {
    // Multipart fields arrive flat ("fields_attributes[0][name]"): expand brackets as for forms.
    if (request.isMultipart() && request.body && typeof request.body === 'object') {
      const pairs = Object.entries(request.body as Record<string, unknown>).flatMap(([k, v]) =>
        (Array.isArray(v) ? v : [v]).filter((x) => typeof x === 'string').map((x) => [k, x as string]),
      );
      request.body = parseBrackets(new URLSearchParams(pairs).toString());
    }
    // Rails merges query parameters into a write's parameters; the body wins.
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const body = request.body && typeof request.body === 'object' ? request.body : {};
      request.body = { ...(request.query as object), ...body };
    }
    normalizeParams(request);
  });

  fastify.setErrorHandler(async (error: FastifyError | DomainError, request, reply) => {
    const { status, message } = apiErrorFor(error);
    if (status === 503) reply.header('retry-after', RETRY_AFTER_SECONDS);
    if (status === 503)
      request.log.warn({ err: { message: (error as Error).message } }, 'service unavailable (503)');
    else if (status >= 500) request.log.error({ err: error }, 'API request failed');
    else request.log.info({ err: { message, status } }, 'API request refused');
    return reply.code(status).send({ error: message });
  });
});

/** The status and Mastodon-style message of any error thrown inside an API route. */
export function apiErrorFor(error: unknown): { status: number; message: string } {
  if (error instanceof ApiError) return { status: error.statusCode, message: error.message };
  if (isDatabaseUnavailable(error)) return { status: 503, message: 'Service unavailable' };
  if (error instanceof ValidationError)
    return { status: 422, message: `Validation failed: ${error.message}` };
  if (error instanceof DomainError) {
    const status = {
      validation: 422,
      not_found: 404,
      forbidden: 403,
      conflict: 422,
      unauthenticated: 401,
      unprocessable: 422,
    }[error.kind];
    return { status, message: error.message };
  }
  const e = error as FastifyError;
  if (e.validation) {
    const where = e.validationContext === 'body' ? '' : `${e.validationContext} `;
    const detail = e.validation
      .map(
        (v) =>
          `${where}${(v.instancePath || '').replace(/^\//, '').replace(/\//g, '.') || (v.params as { missingProperty?: string })?.missingProperty || 'parameter'} ${v.message ?? 'is invalid'}`,
      )
      .join(', ');
    return e.validationContext === 'body'
      ? { status: 422, message: `Validation failed: ${detail}` }
      : { status: 400, message: detail };
  }
  if (e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY')
    return { status: 400, message: PARSE_ERROR };
  const status =
    typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 600 ? e.statusCode : 500;
  if (status >= 500)
    return { status, message: status === 503 ? 'Service unavailable' : 'Internal server error' };
  if (status === 404) return { status, message: 'Record not found' };
  return { status, message: e.message || 'Bad request' };
}
