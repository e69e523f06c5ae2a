// Reports: POST /api/v1/reports (Mastodon's; its admin API is not offered: moderators use the website).
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { WebDeps } from '../../deps.ts';
import { actorId, guard, viewerId } from '../../api/auth.ts';
import { entityContext } from '../../api/context.ts';
import { report } from '../../api/entities.ts';
import { route, type ApiFastify } from '../../api/route.ts';
import { ApiError } from '../../error-policy.ts';
import { errorResponses, ref } from '../../api/schemas.ts';
import { reportingLimit } from '../../rate-limit-budgets.ts';

const tags = ['reports'];
const ids = Type.Optional(Type.Array(Type.String()));

/** The reports of the client API. */
export default async function reportRoutes(fastify: ApiFastify, deps: WebDeps) {
  const { services } = deps;
  // One reporting budget per account (RATE_LIMIT_REPORTS an hour), shared with the website's form.
  const reportLimiter = fastify.createRateLimit(reportingLimit(deps.config, (request) => viewerId(request)));
  const limitReports = async (request: FastifyRequest) => {
    const limit = await reportLimiter(request);
    if (!limit.isAllowed && limit.isExceeded) throw new ApiError(429, 'Too many requests');
  };

  fastify.post(
    '/api/v1/reports',
    route(
      guard(['write:reports'], 'user'),
      {
        tags,
        summary: 'Report an account to the moderators',
        description:
          'With statuses of that account you can see, a `category` (`spam`, `legal` or `other`; ' +
          '`violation` needs `rule_ids`, and this server has no rules) and a `comment` of up to 1000 ' +
          'characters. `forward` is accepted and ignored: there is no remote server to forward to. ' +
          'The reported account is not told, and never learns who reported it.',
        body: Type.Object({
          account_id: Type.Optional(Type.String({ description: 'The account reported (required).' })),
          status_ids: ids,
          comment: Type.Optional(Type.String()),
          forward: Type.Optional(Type.Boolean()),
          category: Type.Optional(Type.String()),
          rule_ids: ids,
        }),
        response: { 200: ref('Report'), ...errorResponses },
      },
      [limitReports],
    ),
    async (request) => {
      const body = request.body;
      const { report: filed, target } = await services.reports.file({
        actorId: actorId(request),
        // No account is Mastodon's "Record not found", like an unknown one.
        accountId: body.account_id ?? '',
        statusIds: body.status_ids,
        comment: body.comment,
        category: body.category,
        ruleIds: body.rule_ids,
      });
      return report(entityContext(deps, request), filed, target);
    },
  );
}
