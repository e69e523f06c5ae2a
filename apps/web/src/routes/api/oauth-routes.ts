// The OAuth 2 authorization server's JSON side: app registration, the token and revocation
// endpoints and the metadata document (RFC 8414). The authorize page is a website route
// (routes/site/authorize-routes.ts). Why these are written here rather than with an OAuth server
// library: docs/api.md, "OAuth libraries".
import type { FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { OAuthError, SCOPES, type OAuthApp, type TokenResult } from '@microposts/core';
import type { WebDeps } from '../../deps.ts';
import { anyone, guard } from '../../api/auth.ts';
import { route, type ApiFastify } from '../../api/route.ts';
import { requireToken } from '../../plugins/oauth.ts';

const tags = ['oauth'];
const text = Type.Optional(Type.String());
const textOrList = Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())]));
const strings = Type.Array(Type.String());
// client_secret_post; client_secret_basic comes in the Authorization header instead.
const clientAuth = Type.Object({ client_id: text, client_secret: text });

// RFC 6749's error form, which every answer of these endpoints other than success takes.
const apiError = Type.Object({ error: Type.String(), error_description: text });
const errors = { 400: apiError, 401: apiError, 403: apiError, 422: apiError, 429: apiError };

const applicationSchema = Type.Object(
  {
    id: Type.String({ pattern: '^\\d+$' }),
    name: Type.String(),
    website: Type.Union([Type.String(), Type.Null()]),
    scopes: strings,
    redirect_uri: Type.String({ description: 'The registered redirect URIs, one per line.' }),
    redirect_uris: strings,
  },
  { description: 'A client application (Mastodon Application entity).' },
);
const credentialApplicationSchema = Type.Object(
  {
    ...applicationSchema.properties,
    client_id: Type.String(),
    client_secret: Type.String(),
    client_secret_expires_at: Type.Integer({ description: 'Always 0: secrets do not expire.' }),
  },
  { description: 'A newly registered application with its credentials (shown once).' },
);
const tokenSchema = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  scope: Type.String(),
  created_at: Type.Integer({ description: 'Unix time in seconds.' }),
});
const metadataSchema = Type.Object({
  issuer: Type.String(),
  service_documentation: Type.String(),
  authorization_endpoint: Type.String(),
  token_endpoint: Type.String(),
  app_registration_endpoint: Type.String(),
  revocation_endpoint: Type.String(),
  scopes_supported: strings,
  response_types_supported: strings,
  response_modes_supported: strings,
  grant_types_supported: strings,
  token_endpoint_auth_methods_supported: strings,
  revocation_endpoint_auth_methods_supported: strings,
  code_challenge_methods_supported: strings,
});

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

// The API's plumbing has merged the query into the body already (Rails), so `p` is both.
function clientCredentialsOf(request: FastifyRequest, p: Static<typeof clientAuth>) {
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
export default async function oauthApiRoutes(fastify: ApiFastify, deps: WebDeps) {
  const { services } = deps;
  const base = deps.config.publicUrl;

  fastify.post(
    '/api/v1/apps',
    route(anyone, {
      tags,
      summary: 'Register a client application',
      description:
        '`redirect_uris` is one URI, several separated by newlines, or an array; ' +
        '`urn:ietf:wg:oauth:2.0:oob` shows the code to copy instead of redirecting. `scopes` defaults to `read`.',
      body: Type.Object({ client_name: text, redirect_uris: textOrList, scopes: textOrList, website: text }),
      response: { 200: credentialApplicationSchema, ...errors },
    }),
    async (request) => {
      const p = request.body;
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
    route(guard([], 'app'), {
      tags,
      summary: 'The application behind the token',
      description: 'Any valid token: an app-only token or a person’s.',
      response: { 200: applicationSchema, ...errors },
    }),
    async (request) => application(await services.oauth.getApp(requireToken(request).appId)),
  );

  fastify.post(
    '/oauth/token',
    route(anyone, {
      tags,
      summary: 'Obtain a token',
      description:
        '`authorization_code` (with `code_verifier` when the authorization request had a PKCE ' +
        'challenge) or `client_credentials`. Client authentication by `client_secret_post` or ' +
        '`client_secret_basic`. Tokens do not expire until revoked; there are no refresh tokens.',
      body: Type.Object({
        grant_type: text,
        code: text,
        redirect_uri: text,
        code_verifier: text,
        ...clientAuth.properties,
        scope: text,
      }),
      response: { 200: tokenSchema, ...errors },
    }),
    async (request, reply) => {
      const p = request.body;
      const client = clientCredentialsOf(request, p);
      let result: TokenResult;
      const grant = p.grant_type ?? '';
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
    route(anyone, {
      tags,
      summary: 'Revoke a token',
      description:
        'Revokes one of the client’s tokens (RFC 7009). An unknown token is not an error; ' +
        'another client’s token is refused with 403.',
      body: Type.Object({ token: text, ...clientAuth.properties }),
      response: { 200: Type.Object({}), ...errors },
    }),
    async (request) => {
      const p = request.body;
      await services.oauth.revoke({ ...clientCredentialsOf(request, p), token: p.token });
      return {};
    },
  );

  fastify.get(
    '/.well-known/oauth-authorization-server',
    route(anyone, {
      tags,
      summary: 'OAuth 2 authorization server metadata (RFC 8414)',
      response: { 200: metadataSchema },
    }),
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
        scopes_supported: [...SCOPES],
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
