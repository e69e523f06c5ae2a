// Transport rules all client API routes share (docs/api-compatibility.md "Transport"): bodies as JSON, forms,
// multipart and query parameters; Rails-style booleans; JSON errors with Mastodon's texts; CORS;
// X-RateLimit-* headers. Registered with fastify-plugin inside the API context, so it covers
// every route of routes/api (OAuth included) and nothing of the website.
import { createHash } from 'node:crypto';
import fp from 'fastify-plugin';
import cors from '@fastify/cors';
import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { WebDeps } from '../deps.ts';
import { ApiError, PARSE_ERROR } from '../error-policy.ts';
import { isApiRequest } from '../plugins/errors.ts';
import { DomainError, OAuthError } from '@microposts/core';
import { normalizeParams, nulInput, parseParams, type NulInput } from '../params.ts';
import { bearerToken } from '../plugins/oauth.ts';
import { multipartOptions } from '../uploads.ts';
import { addressKey, sharedLimit } from '../plugins/rate-limits.ts';

// Ids are 64-bit, and some clients send them as JSON numbers (docs/api-compatibility.md "Seen with
// more clients"): JSON.parse would round 117706958970291038 to …040. An integer beyond 2^53 is
// kept as the string of its digits, read from the source text (JSON.parse's reviver context, ES2025),
// and so treated as the id it is. The reviver (four times slower) runs only when a value in the body
// looks like such a long number; ids sent as strings, as most clients send them, take the fast path.
const LONG_NUMBER = /[:,[]\s*-?\d{16}/;
type ReviverContext = { source?: string };
const keepDigits = (_key: string, value: unknown, context?: ReviverContext) =>
  typeof value === 'number' &&
  !Number.isSafeInteger(value) &&
  context?.source !== undefined &&
  /^-?\d+$/.test(context.source)
    ? context.source
    : value;

/** Parses a JSON body, keeping every digit of integers too large for a double. */
export function parseJsonBody(text: string): unknown {
  return LONG_NUMBER.test(text)
    ? JSON.parse(text, keepDigits as (key: string, value: unknown) => unknown)
    : JSON.parse(text);
}

export default fp<WebDeps>(async (fastify, deps) => {
  // An empty JSON body is "no parameters" (Rails); malformed JSON is a 400 with a JSON body.
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = (body as string).trim();
    if (text === '') return done(null, {});
    try {
      done(null, parseJsonBody(text));
    } catch {
      done(new ApiError(400, PARSE_ERROR), undefined);
    }
  });
  // Multipart: fields as the body; files only for routes that take them (media, profile pictures).
  await fastify.register(multipart, multipartOptions);

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
  // leaves routes free to add their own stricter limits, such as posting. Checked on every request,
  // so counted in batches: approximate across processes (plugins/batched-counts.ts).
  const limiter = fastify.createRateLimit(
    sharedLimit('api', 'batched', {
      max: deps.config.apiRateLimit,
      timeWindow: 5 * 60 * 1000,
      // Keyed by the token as parsed, so variants of one header ("bearer  T") or junk headers
      // cannot buy fresh limits.
      keyGenerator: (request: FastifyRequest) => {
        const token = bearerToken(request);
        return token
          ? `token:${createHash('sha256').update(token).digest('base64url')}`
          : addressKey(request);
      },
    }),
  );
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
    // Rails reads a JSON body whatever the method, and Mastodon.py sends account_familiar_followers'
    // ids as one on a GET (docs/api-compatibility.md "Seen with more clients"); Fastify never reads
    // the body of a GET, so it is read here and merged into the query (the body wins, as for writes).
    if (request.method === 'GET' && /^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
      const body = await getBody(request, fastify.initialConfig.bodyLimit ?? 1024 * 1024);
      if (body) request.query = { ...(request.query as object), ...body };
    }
    // Multipart fields arrive flat ("fields_attributes[0][name]"): expand brackets as for forms.
    if (request.isMultipart() && request.body && typeof request.body === 'object') {
      const pairs = Object.entries(request.body as Record<string, unknown>).flatMap(([k, v]) =>
        (Array.isArray(v) ? v : [v]).filter((x) => typeof x === 'string').map((x) => [k, x as string]),
      );
      request.body = parseParams(new URLSearchParams(pairs).toString());
    }
    // Rails merges query parameters into a write's parameters; the body wins.
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const body = request.body && typeof request.body === 'object' ? request.body : {};
      request.body = { ...(request.query as object), ...body };
    }
    normalizeParams(request);
    const nul = nulInput(request);
    if (nul) throw nulRefusal(request, nul);
  });
});

/**
 * NUL in any parameter: Mastodon's 422 for a body, 400 for the query; a path names no record (404);
 * RFC 6749's form on the OAuth endpoints.
 */
function nulRefusal(request: FastifyRequest, { part, name }: NulInput): Error {
  const problem = `${name} must not contain NUL characters`;
  if (part === 'params') return new DomainError('not_found');
  if (request.url.startsWith('/oauth/')) return new OAuthError('invalid_request', `${problem}.`);
  return part === 'body' ? new ApiError(422, `Validation failed: ${problem}`) : new ApiError(400, problem);
}

/** The JSON object in the body of a GET, or null when there is none (an empty body, or not an object). */
async function getBody(request: FastifyRequest, limit: number): Promise<Record<string, unknown> | null> {
  const { headers } = request;
  if (headers['transfer-encoding'] === undefined && (headers['content-length'] ?? '0') === '0') return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request.raw as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new ApiError(413, 'Request body is too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return null;
  let parsed: unknown;
  try {
    parsed = parseJsonBody(text);
  } catch {
    throw new ApiError(400, PARSE_ERROR);
  }
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : null;
}
