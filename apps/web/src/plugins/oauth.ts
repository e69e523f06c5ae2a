// Bearer-token authentication of the client API. Every /api/v* request carrying a token gets
// `request.oauth` (null without a token); a token that is unknown, revoked or whose account is
// suspended is refused here with Mastodon's 401, before any route runs. Routes then call
// requireScope() and requireUser() (docs/api.md, "Authentication (for developers)").
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { hasScope, type AccessTokenInfo, type Account } from '@microposts/core';
import { ApiError } from '../error-policy.ts';
import type { WebDeps } from '../deps.ts';
import { param } from '../params.ts';

/** The grant behind an API request's bearer token, with its account (null for app-only tokens). */
export interface OAuthContext extends AccessTokenInfo {
  account: Account | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The bearer token's grant on API requests; null when the request carries no token. */
    oauth: OAuthContext | null;
  }
}

export const INVALID_TOKEN = 'The access token is invalid';
export const USER_REQUIRED = 'This method requires an authenticated user';
export const OUTSIDE_SCOPES = 'This action is outside the authorized scopes';

const API_PATH = /^\/api\/v\d+(\/|\?|$)/;
/** The streaming API authenticates on its own, with Mastodon's streaming server's answers (streaming/). */
const STREAMING_PATH = /^\/api\/v1\/streaming(\/|\?|$)/;

/**
 * The token of a request: `Authorization: Bearer <token>`, or the `access_token` query parameter that
 * Mastodon also accepts. undefined when there is none; '' when a Bearer header is empty.
 */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header === 'string') {
    const match = /^Bearer(?:\s+(.*))?$/i.exec(header.trim());
    if (match) return (match[1] ?? '').trim();
  }
  return param(request.query, 'access_token');
}

/** The token's grant; 401 `The access token is invalid` when the request has none. */
export function requireToken(request: FastifyRequest): OAuthContext {
  if (!request.oauth) throw new ApiError(401, INVALID_TOKEN);
  return request.oauth;
}

/**
 * Checks that the token grants `scope` (or any one of an array of scopes): 401 without a token,
 * 403 `This action is outside the authorized scopes` otherwise. Call it before requireUser().
 */
export function requireScope(request: FastifyRequest, scope: string | readonly string[]): OAuthContext {
  const oauth = requireToken(request);
  if (!hasScope(oauth.scopes, scope)) throw new ApiError(403, OUTSIDE_SCOPES);
  return oauth;
}

/** The account acting through the token; 401 `This method requires an authenticated user` otherwise. */
export function requireUser(request: FastifyRequest): Account {
  const account = request.oauth?.account;
  if (!account) throw new ApiError(401, USER_REQUIRED);
  return account;
}

export default fp<WebDeps>(
  async (fastify, deps) => {
    fastify.decorateRequest('oauth', null);
    // preParsing, not onRequest: every onRequest hook (CORS, rate-limit headers) has run by then, so
    // a browser client can read the 401; and a refused request's body is never parsed.
    fastify.addHook('preParsing', async (request, reply, payload) => {
      if (!API_PATH.test(request.url) || STREAMING_PATH.test(request.url)) return payload;
      const token = bearerToken(request);
      if (token === undefined) return payload;
      const info = await deps.services.oauth.verifyAccessToken(token);
      const account = info?.accountId ? await deps.services.accounts.findActive(info.accountId) : null;
      if (!info || (info.accountId && !account)) {
        reply.header('www-authenticate', 'Bearer error="invalid_token"');
        return reply.code(401).send({ error: INVALID_TOKEN });
      }
      request.oauth = { ...info, account };
      return payload;
    });
  },
  { name: 'microposts-oauth' },
);
