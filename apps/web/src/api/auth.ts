// Scope checks of the client API, on top of api-oauth's token authentication (plugins/oauth.ts sets
// request.oauth). Every route declares what it needs with guard(); the same declaration is the
// route's `security` in the OpenAPI document, so the document states each endpoint's scopes.
import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { requireScope, requireUser } from '../plugins/oauth.ts';

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

/**
 * Route options for an endpoint that needs `scope` (any one of an array) with the given access:
 * the preHandler that enforces it (Mastodon's 401 and 403 texts) and the OpenAPI `security`.
 */
export function guard(scope: string | string[], access: Access) {
  const scopes = typeof scope === 'string' ? [scope] : scope;
  const preHandler: preHandlerAsyncHookHandler = async (request) => {
    if (access === 'public' && !request.oauth) return;
    requireScope(request, scopes);
    if (access === 'user') requireUser(request);
  };
  const security: Array<Record<string, string[]>> =
    access === 'public' ? [{}, { OAuth2: scopes }] : [{ OAuth2: scopes }];
  return { preHandler, security };
}
