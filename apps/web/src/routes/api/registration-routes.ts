// POST /api/v1/accounts: sign-up through an app (Mastodon's registration API).
import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../../deps.ts';
import { requireToken } from '../../plugins/oauth.ts';
import { guard } from '../../api/auth.ts';
import { str, toBoolean } from '../../api/params.ts';
import { ApiError } from '../../error-policy.ts';
import { errorResponses } from '../../api/schemas.ts';

interface RegistrationBody {
  username?: string;
  email?: string;
  password?: string;
  agreement?: boolean;
  locale?: string;
  reason?: string;
}

/** Registration of the client API. */
export default async function registrationRoutes(fastify: FastifyInstance, deps: WebDeps) {
  const g = guard(['write:accounts'], 'app');
  // The same per-IP limit as the website's sign-up form.
  const limiter = fastify.createRateLimit({
    max: deps.config.authRateLimit,
    timeWindow: 5 * 60 * 1000,
    keyGenerator: (request) => `api-signup:${request.ip}`,
  });

  fastify.post<{ Body: RegistrationBody }>(
    '/api/v1/accounts',
    {
      preHandler: [
        g.preHandler,
        async (request) => {
          const limit = await limiter(request);
          if (!limit.isAllowed && limit.isExceeded) throw new ApiError(429, 'Too many requests');
        },
      ],
      schema: {
        tags: ['accounts'],
        summary: 'Register an account',
        description:
          'Needs an app token (client_credentials) with `write:accounts`; returns a user token for that ' +
          'app with the same scopes. `agreement` must be true. A confirmation e-mail is sent.',
        security: g.security,
        body: {
          type: 'object',
          properties: {
            username: { type: 'string' },
            email: { type: 'string' },
            password: { type: 'string' },
            agreement: { type: 'boolean' },
            locale: { type: 'string' },
            reason: { type: 'string' },
          },
        },
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
    },
    async (request) => {
      const token = requireToken(request);
      const body = request.body ?? {};
      const { token: issued } = await deps.services.accounts.registerViaApp({
        appId: token.appId,
        scopes: token.scopes,
        username: str(body.username) ?? '',
        email: str(body.email) ?? '',
        password: str(body.password) ?? '',
        agreement: toBoolean(body.agreement) ?? false,
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
