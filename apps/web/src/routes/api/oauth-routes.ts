// The OAuth 2 authorization server's JSON side: app registration, the token and revocation
// endpoints and the metadata document (RFC 8414). The authorize page is a website route
// (routes/site/authorize-routes.ts). Why these are written here rather than with an OAuth server
// library: docs/api.md, "OAuth libraries".
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type {} from '@fastify/swagger';
import { OAuthError, SCOPES, type OAuthApp, type TokenResult } from '@microposts/core';
import type { WebDeps } from '../../deps.ts';
import { requireToken } from '../../plugins/oauth.ts';

const tags = ['oauth'];
const str = { type: 'string' } as const;
const strOrList = { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] };
const apiError = {
  type: 'object',
  properties: { error: str, error_description: str },
  required: ['error'],
} as const;
const errors = { 400: apiError, 401: apiError, 403: apiError, 422: apiError, 429: apiError };

const applicationProperties = {
  id: { type: 'string', pattern: '^\\d+$' },
  name: str,
  website: { type: ['string', 'null'] },
  scopes: { type: 'array', items: str },
  redirect_uri: { type: 'string', description: 'The registered redirect URIs, one per line.' },
  redirect_uris: { type: 'array', items: str },
};
const applicationSchema = {
  type: 'object',
  description: 'A client application (Mastodon Application entity).',
  properties: applicationProperties,
  required: Object.keys(applicationProperties),
};
const credentialApplicationProperties = {
  ...applicationProperties,
  client_id: str,
  client_secret: str,
  client_secret_expires_at: { type: 'integer', description: 'Always 0: secrets do not expire.' },
};
const credentialApplicationSchema = {
  type: 'object',
  description: 'A newly registered application with its credentials (shown once).',
  properties: credentialApplicationProperties,
  required: Object.keys(credentialApplicationProperties),
};

/** The Mastodon Application entity. */
function application(app: OAuthApp) {
  return {
    id: app.id,
    name: app.name,
    website: app.website,
    scopes: app.scopes,
    redirect_uri: app.redirectUris.join('\n'),
    redirect_uris: app.redirectUris,
  };
}

/** The parameters of a write: the API's plumbing has merged the query into the body already (Rails). */
function bodyOf(request: FastifyRequest): Record<string, unknown> {
  return (request.body ?? {}) as Record<string, unknown>;
}

// client_secret_basic: "Basic base64(urlencode(id):urlencode(secret))" (RFC 6749 section 2.3.1).
function basicCredentials(request: FastifyRequest): { clientId: string; clientSecret: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=._~-]+)\s*$/i.exec(request.headers.authorization ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return s;
    }
  };
  return { clientId: decode(decoded.slice(0, colon)), clientSecret: decode(decoded.slice(colon + 1)) };
}

function clientCredentialsOf(request: FastifyRequest, p: Record<string, unknown>) {
  return basicCredentials(request) ?? { clientId: p.client_id, clientSecret: p.client_secret };
}

function tokenResponse(result: TokenResult) {
  return {
    access_token: result.accessToken,
    token_type: result.tokenType,
    scope: result.scopes.join(' '),
    created_at: Math.floor(result.createdAt.getTime() / 1000),
  };
}

/** POST /api/v1/apps, GET /api/v1/apps/verify_credentials, POST /oauth/token, POST /oauth/revoke, metadata. */
export default async function oauthApiRoutes(fastify: FastifyInstance, deps: WebDeps) {
  const { services } = deps;
  const base = deps.config.publicUrl;

  fastify.post(
    '/api/v1/apps',
    {
      schema: {
        tags,
        summary: 'Register a client application',
        description:
          '`redirect_uris` is one URI, several separated by newlines, or an array; ' +
          '`urn:ietf:wg:oauth:2.0:oob` shows the code to copy instead of redirecting. `scopes` defaults to `read`.',
        body: {
          type: 'object',
          properties: { client_name: str, redirect_uris: strOrList, scopes: strOrList, website: str },
        },
        response: { 200: credentialApplicationSchema, ...errors },
      },
    },
    async (request) => {
      const p = bodyOf(request);
      const { app: registered, clientSecret } = await services.oauth.registerApp({
        clientName: p.client_name,
        redirectUris: p.redirect_uris,
        scopes: p.scopes,
        website: p.website,
        ownerAccountId: request.oauth?.accountId ?? null,
      });
      return {
        ...application(registered),
        client_id: registered.clientId,
        client_secret: clientSecret,
        client_secret_expires_at: 0,
      };
    },
  );

  fastify.get(
    '/api/v1/apps/verify_credentials',
    {
      schema: {
        tags,
        summary: 'The application behind the token',
        description: 'Any valid token: an app-only token or a person’s.',
        security: [{ OAuth2: [] }],
        response: { 200: applicationSchema, ...errors },
      },
    },
    async (request) => application(await services.oauth.getApp(requireToken(request).appId)),
  );

  fastify.post(
    '/oauth/token',
    {
      schema: {
        tags,
        summary: 'Obtain a token',
        description:
          '`authorization_code` (with `code_verifier` when the authorization request had a PKCE ' +
          'challenge) or `client_credentials`. Client authentication by `client_secret_post` or ' +
          '`client_secret_basic`. Tokens do not expire until revoked; there are no refresh tokens.',
        body: {
          type: 'object',
          properties: {
            grant_type: str,
            code: str,
            redirect_uri: str,
            code_verifier: str,
            client_id: str,
            client_secret: str,
            scope: str,
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              access_token: str,
              token_type: { type: 'string', enum: ['Bearer'] },
              scope: str,
              created_at: { type: 'integer', description: 'Unix time in seconds.' },
            },
            required: ['access_token', 'token_type', 'scope', 'created_at'],
          },
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const p = bodyOf(request);
      const client = clientCredentialsOf(request, p);
      let result: TokenResult;
      const grant = typeof p.grant_type === 'string' ? p.grant_type : '';
      if (grant === 'authorization_code') {
        result = await services.oauth.exchangeCode({
          ...client,
          code: p.code,
          redirectUri: p.redirect_uri,
          codeVerifier: p.code_verifier,
        });
      } else if (grant === 'client_credentials') {
        result = await services.oauth.clientCredentials({ ...client, scope: p.scope });
      } else if (!grant) {
        throw new OAuthError('invalid_request', 'Missing required parameter: grant_type.');
      } else {
        throw new OAuthError('unsupported_grant_type');
      }
      return reply
        .header('cache-control', 'no-store')
        .header('pragma', 'no-cache')
        .send(tokenResponse(result));
    },
  );

  fastify.post(
    '/oauth/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke a token',
        description:
          'Revokes one of the client’s tokens (RFC 7009). An unknown token is not an error; ' +
          'another client’s token is refused with 403.',
        body: { type: 'object', properties: { token: str, client_id: str, client_secret: str } },
        response: { 200: { type: 'object', properties: {} }, ...errors },
      },
    },
    async (request) => {
      const p = bodyOf(request);
      await services.oauth.revoke({ ...clientCredentialsOf(request, p), token: p.token });
      return {};
    },
  );

  fastify.get(
    '/.well-known/oauth-authorization-server',
    {
      schema: {
        tags,
        summary: 'OAuth 2 authorization server metadata (RFC 8414)',
        response: {
          200: {
            type: 'object',
            properties: {
              issuer: str,
              service_documentation: str,
              authorization_endpoint: str,
              token_endpoint: str,
              app_registration_endpoint: str,
              revocation_endpoint: str,
              scopes_supported: { type: 'array', items: str },
              response_types_supported: { type: 'array', items: str },
              response_modes_supported: { type: 'array', items: str },
              grant_types_supported: { type: 'array', items: str },
              token_endpoint_auth_methods_supported: { type: 'array', items: str },
              revocation_endpoint_auth_methods_supported: { type: 'array', items: str },
              code_challenge_methods_supported: { type: 'array', items: str },
            },
          },
        },
      },
    },
    async (_request, reply) => {
      const authMethods = ['client_secret_basic', 'client_secret_post'];
      reply.header('cache-control', 'public, max-age=3600');
      return {
        // With the trailing slash, as Mastodon has it: RFC 8414 clients compare it with the URL they
        // discovered from, and new URL('https://host').href is 'https://host/'.
        issuer: `${base}/`,
        service_documentation: `${base}/api/docs`,
        authorization_endpoint: `${base}/oauth/authorize`,
        token_endpoint: `${base}/oauth/token`,
        app_registration_endpoint: `${base}/api/v1/apps`,
        revocation_endpoint: `${base}/oauth/revoke`,
        scopes_supported: SCOPES,
        response_types_supported: ['code'],
        response_modes_supported: ['query'],
        grant_types_supported: ['authorization_code', 'client_credentials'],
        token_endpoint_auth_methods_supported: authMethods,
        revocation_endpoint_auth_methods_supported: authMethods,
        code_challenge_methods_supported: ['S256'],
      };
    },
  );
}
