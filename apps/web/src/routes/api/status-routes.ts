// Statuses: create (with Idempotency-Key), get, edit, delete, context, favourite, favourited_by.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebDeps } from '../../deps.ts';
import { actorId, guard, viewerId } from '../../api/auth.ts';
import { entityContext, idParams, type IdParams } from '../../api/context.ts';
import { accounts, status, statuses } from '../../api/entities.ts';
import { pagedEntriesResponse } from '../../api/paged-response.ts';
import { apiPage, pageQuerySchema } from '../../api/pagination.ts';
import { ApiError } from '../../error-policy.ts';
import { errorResponses, listOf, ref } from '../../api/schemas.ts';
import { str } from '../../api/params.ts';

const tags = ['statuses'];

interface StatusBody {
  status?: string;
  in_reply_to_id?: string;
  visibility?: string;
  spoiler_text?: string;
  media_ids?: string[];
  poll?: unknown;
  scheduled_at?: string;
  sensitive?: boolean;
  language?: string;
}

const statusBody = {
  type: 'object',
  properties: {
    status: { type: 'string', description: 'The text (1–500 characters).' },
    in_reply_to_id: { type: 'string' },
    visibility: { type: 'string', description: '`public` or `unlisted`.' },
    sensitive: { type: 'boolean' },
    spoiler_text: { type: 'string', description: 'Content warnings are not supported: must be empty.' },
    language: { type: 'string' },
    media_ids: { type: 'array', items: { type: 'string' }, description: 'Not supported: must be empty.' },
    poll: { type: 'object', description: 'Not supported.' },
    scheduled_at: { type: 'string', description: 'Not supported.' },
  },
} as const;

// Features we do not have are refused rather than silently dropped (a content warning dropped
// would publish what the author meant to hide).
function refuseUnsupported(body: StatusBody): void {
  if (body.spoiler_text?.trim())
    throw new ApiError(422, 'Validation failed: Content warnings are not supported');
  if (body.media_ids?.length)
    throw new ApiError(422, 'Validation failed: Media attachments are not supported');
  if (body.poll) throw new ApiError(422, 'Validation failed: Polls are not supported');
  if (body.scheduled_at) throw new ApiError(422, 'Validation failed: Scheduled statuses are not supported');
}

/** The statuses of the client API. */
export default async function statusRoutes(fastify: FastifyInstance, deps: WebDeps) {
  const { services } = deps;
  const read = guard(['read:statuses'], 'public');
  const write = guard(['write:statuses'], 'user');
  // The website's posting limit (RATE_LIMIT_POSTS per account in three hours) applies to the API too.
  const postLimiter = fastify.createRateLimit({
    max: deps.config.postRateLimit,
    timeWindow: 3 * 3600 * 1000,
    keyGenerator: (request) => `api-post:${viewerId(request) ?? request.ip}`,
  });
  const limitPosting = async (request: FastifyRequest) => {
    const limit = await postLimiter(request);
    if (!limit.isAllowed && limit.isExceeded) throw new ApiError(429, 'Too many requests');
  };

  fastify.post<{ Body: StatusBody; Headers: { 'idempotency-key'?: string } }>(
    '/api/v1/statuses',
    {
      preHandler: [write.preHandler, limitPosting],
      schema: {
        tags,
        summary: 'Post a status',
        description:
          'A repeated `Idempotency-Key` from the same account returns the first status and writes nothing.',
        security: write.security,
        headers: { type: 'object', properties: { 'idempotency-key': { type: 'string' } } },
        body: statusBody,
        response: { 200: ref('Status'), ...errorResponses },
      },
    },
    async (request) => {
      const body = request.body ?? {};
      refuseUnsupported(body);
      const created = await services.statuses.create({
        actorId: actorId(request),
        text: str(body.status) ?? '',
        visibility: str(body.visibility),
        inReplyToId: str(body.in_reply_to_id) || null,
        idempotencyKey: request.headers['idempotency-key'],
      });
      return status(entityContext(deps, request), created);
    },
  );

  fastify.get<IdParams>(
    '/api/v1/statuses/:id',
    {
      preHandler: read.preHandler,
      schema: {
        tags,
        summary: 'View a status',
        security: read.security,
        params: idParams,
        response: { 200: ref('Status'), ...errorResponses },
      },
    },
    async (request) => {
      const found = await services.statuses.get(request.params.id, viewerId(request) ?? undefined);
      return status(entityContext(deps, request), found);
    },
  );

  fastify.put<IdParams & { Body: StatusBody }>(
    '/api/v1/statuses/:id',
    {
      preHandler: write.preHandler,
      schema: {
        tags,
        summary: 'Edit your status',
        description: 'Replaces the text; mentions and hashtags are stored again and `edited_at` is set.',
        security: write.security,
        params: idParams,
        body: statusBody,
        response: { 200: ref('Status'), ...errorResponses },
      },
    },
    async (request) => {
      const body = request.body ?? {};
      refuseUnsupported(body);
      const edited = await services.statuses.edit({
        actorId: actorId(request),
        statusId: request.params.id,
        text: str(body.status) ?? '',
      });
      return status(entityContext(deps, request), edited);
    },
  );

  fastify.delete<IdParams>(
    '/api/v1/statuses/:id',
    {
      preHandler: write.preHandler,
      schema: {
        tags,
        summary: 'Delete your status',
        description: 'Returns the deleted status with its source `text`, for "delete and redraft".',
        security: write.security,
        params: idParams,
        response: { 200: ref('Status'), ...errorResponses },
      },
    },
    async (request) => {
      const deleted = await services.statuses.delete({
        actorId: actorId(request),
        statusId: request.params.id,
      });
      return status(entityContext(deps, request), deleted, { withText: true });
    },
  );

  fastify.get<IdParams>(
    '/api/v1/statuses/:id/context',
    {
      preHandler: read.preHandler,
      schema: {
        tags,
        summary: 'Parent and child statuses in the thread',
        security: read.security,
        params: idParams,
        response: { 200: ref('Context'), ...errorResponses },
      },
    },
    async (request) => {
      const context = await services.statuses.context({
        statusId: request.params.id,
        viewerId: viewerId(request) ?? undefined,
      });
      const ctx = entityContext(deps, request);
      return {
        ancestors: await statuses(ctx, context.ancestors),
        descendants: await statuses(
          ctx,
          context.descendants.map((d) => d.status),
        ),
      };
    },
  );

  const fav = guard(['write:favourites'], 'user');
  for (const [action, verb] of [
    ['favourite', 'Favourite a status'],
    ['unfavourite', 'Undo the favourite of a status'],
  ] as const) {
    fastify.post<IdParams>(
      `/api/v1/statuses/:id/${action}`,
      {
        preHandler: fav.preHandler,
        schema: {
          tags,
          summary: verb,
          security: fav.security,
          params: idParams,
          response: { 200: ref('Status'), ...errorResponses },
        },
      },
      async (request) => {
        const input = { actorId: actorId(request), statusId: request.params.id };
        const result =
          action === 'favourite'
            ? await services.favourites.favourite(input)
            : await services.favourites.unfavourite(input);
        return status(entityContext(deps, request), result);
      },
    );
  }

  const readAccounts = guard(['read:accounts'], 'public');
  fastify.get<IdParams & { Querystring: Record<string, string> }>(
    '/api/v1/statuses/:id/favourited_by',
    {
      preHandler: readAccounts.preHandler,
      schema: {
        tags,
        summary: 'Who favourited a status',
        description: 'Paginated by favourite (Link header).',
        security: readAccounts.security,
        params: idParams,
        querystring: { type: 'object', properties: pageQuerySchema(40) },
        response: { 200: listOf('Account'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const entries = await services.favourites.favouritedBy({
        statusId: request.params.id,
        page: apiPage(request.query, 40),
      });
      return pagedEntriesResponse(deps, request, reply, entries, accounts);
    },
  );
}
