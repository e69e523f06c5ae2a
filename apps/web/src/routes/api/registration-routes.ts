// POST /api/v1/accounts: sign-up through an app (Mastodon's registration API).
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { WebDeps } from '../../deps.ts';
import { requireToken } from '../../plugins/oauth.ts';
import { guard } from '../../api/auth.ts';
import { route, type ApiFastify } from '../../api/route.ts';
import { ApiError } from '../../error-policy.ts';
import { errorResponses } from '../../api/schemas.ts';
import { signupLimit } from '../../rate-limit-budgets.ts';

/** Registration of the client API. */
export default async function registrationRoutes(fastify: ApiFastify, deps: WebDeps) {
  // The website's sign-up form and this share one budget per address.
  const limiter = fastify.createRateLimit(signupLimit(deps.config));
  const limitSignups = async (request: FastifyRequest) => {
    const limit = await limiter(request);
    if (!limit.isAllowed && limit.isExceeded) throw new ApiError(429, 'Too many requests');
  };

  fastify.post(
    '/api/v1/accounts',
    route(
      guard(['write:accounts'], 'app'),
      {
        tags: ['accounts'],
        summary: 'Register an account',
        description:
          'Needs an app token (client_credentials) with `write:accounts`; returns a user token for that ' +
          'app with the same scopes. `agreement` must be true. A confirmation e-mail is sent.',
        body: Type.Object({
          username: Type.Optional(Type.String()),
          email: Type.Optional(Type.String()),
          password: Type.Optional(Type.String()),
          agreement: Type.Optional(Type.Boolean()),
          locale: Type.Optional(Type.String()),
          reason: Type.Optional(Type.String()),
        }),
        response: {
          200: {
            type: 'object',
            description: 'Mastodon Token entity.',
            properties: {
              access_token: { type: 'string' },
              token_type: { type: 'string' },
              scope: { type: 'string' },
              created_at: { type: 'integer', description: 'Unix seconds.' },
            },
            required: ['access_token', 'token_type', 'scope', 'created_at'],
          },
          ...errorResponses,
        },
      },
      [limitSignups],
    ),
    async (request) => {
      const token = requireToken(request);
      const body = request.body;
      const { token: issued } = await deps.services.accounts.registerViaApp({
        appId: token.appId,
        scopes: token.scopes,
        username: body.username ?? '',
        email: body.email ?? '',
        password: body.password ?? '',
        agreement: body.agreement ?? false,
      });
      return {
        access_token: issued.accessToken,
        token_type: issued.tokenType,
        scope: issued.scopes.join(' '),
        created_at: Math.floor(issued.createdAt.getTime() / 1000),
      };
    },
  );
}
