// Scope checks of the client API, on top of api-oauth's token authentication (plugins/oauth.ts sets
// request.oauth). Every route declares what it needs with guard(); the same declaration is the
// route's `security` in the OpenAPI document, so the document states each endpoint's scopes.
import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { requireScope, requireToken, requireUser } from '../plugins/oauth.ts';

/** The authenticated user's account id, or null (no token, or an app-only token). */
export function viewerId(request: FastifyRequest): string | null {
  return request.oauth?.account?.id ?? null;
}

/** The authenticated user's account id; 401 `This method requires an authenticated user` without one. */
export function actorId(request: FastifyRequest): string {
  return requireUser(request).id;
}

export type Access =
  /** Anyone; a token, if sent, must carry the scope. */
  | 'public'
  /** Any valid token with the scope (an app token too). */
  | 'app'
  /** A user's token with the scope. */
  | 'user';

/** OpenAPI security requirements: `{}` is "no token", `{ OAuth2: scopes }` a token with one of them. */
export type Security = Array<Record<string, string[]>>;

/** What a route needs of the request's token: the preHandler that enforces it and how the document states it. */
export interface Guard {
  preHandler?: preHandlerAsyncHookHandler;
  security: Security;
}

/**
 * The guard of an endpoint that needs `scope` (any one of an array; none: any valid token) with the
 * given access: the preHandler that enforces it (Mastodon's 401 and 403 texts) and the OpenAPI
 * `security`. Routes use it through route() (route.ts).
 */
export function guard(scope: string | string[], access: Access): Guard {
  const scopes = typeof scope === 'string' ? [scope] : scope;
  const preHandler: preHandlerAsyncHookHandler = async (request) => {
    if (access === 'public' && !request.oauth) return;
    if (scopes.length) requireScope(request, scopes);
    else requireToken(request);
    if (access === 'user') requireUser(request);
  };
  return { preHandler, security: access === 'public' ? [{}, { OAuth2: scopes }] : [{ OAuth2: scopes }] };
}

/** No token needed: discovery documents, app registration and the token endpoint itself. */
export const anyone: Guard = { security: [{}] };
