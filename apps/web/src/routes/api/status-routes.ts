// Statuses: create (with Idempotency-Key), get, edit, delete, context, favourite, favourited_by,
// bookmark, reblog, reblogged_by.
import type { FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { WebDeps } from '../../deps.ts';
import { actorId, guard, viewerId } from '../../api/auth.ts';
import { entityContext, idParams } from '../../api/context.ts';
import { accounts, status, statuses, statusJson } from '../../api/entities.ts';
import { pagedEntriesResponse, sendJsonText } from '../../api/paged-response.ts';
import { apiPage, pageQuery } from '../../api/pagination.ts';
import { applyFilters } from '../../api/filtered.ts';
import { route, type ApiFastify } from '../../api/route.ts';
import { ApiError } from '../../error-policy.ts';
import { errorResponses, listOf, ref } from '../../api/schemas.ts';
import { postingLimit } from '../../rate-limit-budgets.ts';
import {
  POLL_MAX_EXPIRATION,
  POLL_MAX_OPTIONS,
  POLL_MIN_EXPIRATION,
  POLL_OPTION_MAX_CHARS,
} from '@microposts/core';

const tags = ['statuses'];

const statusBody = Type.Object({
  status: Type.Optional(Type.String({ description: 'The text (1–500 characters).' })),
  in_reply_to_id: Type.Optional(Type.String()),
  visibility: Type.Optional(
    Type.String({
      description:
        '`public` (default), `unlisted` (not on the public and hashtag timelines), `private` (your followers ' +
        'and the accounts it mentions) or `direct` (the accounts it mentions only).',
    }),
  ),
  sensitive: Type.Optional(Type.Boolean()),
  spoiler_text: Type.Optional(
    Type.String({
      description:
        'A content warning the text is shown behind; it makes the status `sensitive`. Counted with the text ' +
        '(500 characters together). An edit without it removes the warning, as Mastodon does.',
    }),
  ),
  language: Type.Optional(
    Type.String({
      description:
        'ISO 639-1 (a region is dropped: `pt-BR` is `pt`); detected from the text when absent (null when unsure). An edit without it keeps the language.',
    }),
  ),
  media_ids: Type.Optional(
    Type.Array(Type.String(), {
      description:
        'Up to 4 of your own processed uploads (POST /api/v2/media), in order; with media the text may be empty. ' +
        'On an edit: the media the status is to have.',
    }),
  ),
  poll: Type.Optional(
    Type.Object(
      {
        options: Type.Optional(
          Type.Array(Type.String(), {
            description: `2 to ${POLL_MAX_OPTIONS} choices, ${POLL_OPTION_MAX_CHARS} characters each.`,
          }),
        ),
        expires_in: Type.Optional(
          Type.Union([Type.Integer(), Type.String()], {
            description: `Seconds until it ends: ${POLL_MIN_EXPIRATION} to ${POLL_MAX_EXPIRATION}.`,
          }),
        ),
        multiple: Type.Optional(Type.Boolean({ description: 'Several choices may be picked.' })),
        hide_totals: Type.Optional(
          Type.Boolean({ description: 'Counts per option are hidden until it ends.' }),
        ),
      },
      {
        description:
          'A poll (not with `media_ids`). On an edit: the poll the status is to have (none removes it); changed options reset its votes.',
      },
    ),
  ),
  scheduled_at: Type.Optional(Type.String({ description: 'Not supported.' })),
});

// The poll as the services take it.
function pollInput(poll: Static<typeof statusBody>['poll']) {
  return poll
    ? {
        options: poll.options ?? [],
        expiresIn: poll.expires_in,
        multiple: poll.multiple,
        hideTotals: poll.hide_totals,
      }
    : undefined;
}

// Features we do not have are refused rather than silently dropped.
function refuseUnsupported(body: Static<typeof statusBody>): void {
  if (body.scheduled_at) throw new ApiError(422, 'Validation failed: Scheduled statuses are not supported');
}

/** The statuses of the client API. */
export default async function statusRoutes(fastify: ApiFastify, deps: WebDeps) {
  const { services } = deps;
  const read = guard(['read:statuses'], 'public');
  const write = guard(['write:statuses'], 'user');
  // One posting budget per account (RATE_LIMIT_POSTS in three hours), shared with the website.
  const postLimiter = fastify.createRateLimit(postingLimit(deps.config, (request) => viewerId(request)));
  const limitPosting = async (request: FastifyRequest) => {
    const limit = await postLimiter(request);
    if (!limit.isAllowed && limit.isExceeded) throw new ApiError(429, 'Too many requests');
  };

  fastify.post(
    '/api/v1/statuses',
    route(
      write,
      {
        tags,
        summary: 'Post a status',
        description:
          'A repeated `Idempotency-Key` from the same account returns the first status and writes nothing.',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String()) }),
        body: statusBody,
        response: { 200: ref('Status'), ...errorResponses },
      },
      [limitPosting],
    ),
    async (request) => {
      const body = request.body;
      refuseUnsupported(body);
      const created = await services.statuses.create({
        actorId: actorId(request),
        text: body.status ?? '',
        visibility: body.visibility,
        inReplyToId: body.in_reply_to_id || null,
        language: body.language,
        idempotencyKey: request.headers['idempotency-key'],
        mediaIds: body.media_ids,
        sensitive: body.sensitive,
        spoilerText: body.spoiler_text,
        poll: pollInput(body.poll),
      });
      return status(entityContext(deps, request), created);
    },
  );

  fastify.get(
    '/api/v1/statuses/:id',
    route(read, {
      tags,
      summary: 'View a status',
      params: idParams,
      response: { 200: ref('Status'), ...errorResponses },
    }),
    async (request, reply) => {
      const found = await services.statuses.get(request.params.id, viewerId(request) ?? undefined);
      return sendJsonText(reply, statusJson(entityContext(deps, request), found));
    },
  );

  fastify.put(
    '/api/v1/statuses/:id',
    route(write, {
      tags,
      summary: 'Edit your status',
      description: 'Replaces the text; mentions and hashtags are stored again and `edited_at` is set.',
      params: idParams,
      body: statusBody,
      response: { 200: ref('Status'), ...errorResponses },
    }),
    async (request) => {
      const body = request.body;
      refuseUnsupported(body);
      const edited = await services.statuses.edit({
        actorId: actorId(request),
        statusId: request.params.id,
        text: body.status ?? '',
        mediaIds: body.media_ids,
        language: body.language,
        spoilerText: body.spoiler_text ?? '',
        sensitive: body.sensitive,
        // As Mastodon: an edit without a poll takes it away.
        poll: pollInput(body.poll) ?? null,
      });
      return status(entityContext(deps, request), edited);
    },
  );

  fastify.delete(
    '/api/v1/statuses/:id',
    route(write, {
      tags,
      summary: 'Delete your status',
      description: 'Returns the deleted status with its source `text`, for "delete and redraft".',
      params: idParams,
      response: { 200: ref('Status'), ...errorResponses },
    }),
    async (request) => {
      const deleted = await services.statuses.delete({
        actorId: actorId(request),
        statusId: request.params.id,
      });
      return status(entityContext(deps, request), deleted, { withText: true });
    },
  );

  fastify.get(
    '/api/v1/statuses/:id/context',
    route(read, {
      tags,
      summary: 'Parent and child statuses in the thread',
      params: idParams,
      response: { 200: ref('Context'), ...errorResponses },
    }),
    async (request) => {
      const context = await services.statuses.context({
        statusId: request.params.id,
        viewerId: viewerId(request) ?? undefined,
      });
      // The viewer's `thread` filters: hidden statuses leave the thread, warned ones carry `filtered`.
      const [ancestors, descendants] = await Promise.all([
        applyFilters(deps, entityContext(deps, request), 'thread', context.ancestors),
        applyFilters(
          deps,
          entityContext(deps, request),
          'thread',
          context.descendants.map((d) => d.status),
        ),
      ]);
      return {
        ancestors: await statuses(ancestors.ctx, ancestors.kept),
        descendants: await statuses(descendants.ctx, descendants.kept),
      };
    },
  );

  const fav = guard(['write:favourites'], 'user');
  for (const [action, verb] of [
    ['favourite', 'Favourite a status'],
    ['unfavourite', 'Undo the favourite of a status'],
  ] as const) {
    fastify.post(
      `/api/v1/statuses/:id/${action}`,
      route(fav, {
        tags,
        summary: verb,
        params: idParams,
        response: { 200: ref('Status'), ...errorResponses },
      }),
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

  const bookmarkGuard = guard(['write:bookmarks'], 'user');
  for (const [action, verb] of [
    ['bookmark', 'Bookmark a status'],
    ['unbookmark', 'Remove a status from your bookmarks'],
  ] as const) {
    fastify.post(
      `/api/v1/statuses/:id/${action}`,
      route(bookmarkGuard, {
        tags,
        summary: verb,
        description: 'Only you see your bookmarks. A status you may not see is 404.',
        params: idParams,
        response: { 200: ref('Status'), ...errorResponses },
      }),
      async (request) => {
        const input = { actorId: actorId(request), statusId: request.params.id };
        const result =
          action === 'bookmark'
            ? await services.bookmarks.bookmark(input)
            : await services.bookmarks.unbookmark(input);
        return status(entityContext(deps, request), result);
      },
    );
  }

  fastify.post(
    '/api/v1/statuses/:id/reblog',
    route(write, {
      tags,
      summary: 'Boost a status',
      description:
        'Answers the boost, a Status whose `reblog` is the original; boosting again answers the same boost. ' +
        'A status you may not see is 404; a direct status, or a followers-only one of another account, 403.',
      params: idParams,
      body: Type.Object({
        visibility: Type.Optional(
          Type.String({
            description:
              '`public` (default), `unlisted` or `private`; a followers-only status stays followers-only.',
          }),
        ),
      }),
      response: { 200: ref('Status'), ...errorResponses },
    }),
    async (request) => {
      const boost = await services.reblogs.reblog({
        actorId: actorId(request),
        statusId: request.params.id,
        visibility: request.body?.visibility,
      });
      return status(entityContext(deps, request), boost);
    },
  );

  fastify.post(
    '/api/v1/statuses/:id/unreblog',
    route(write, {
      tags,
      summary: 'Undo the boost of a status',
      description: 'Answers the original status; without a boost it changes nothing.',
      params: idParams,
      response: { 200: ref('Status'), ...errorResponses },
    }),
    async (request) => {
      const original = await services.reblogs.unreblog({
        actorId: actorId(request),
        statusId: request.params.id,
      });
      return status(entityContext(deps, request), original);
    },
  );

  fastify.get(
    '/api/v1/statuses/:id/reblogged_by',
    route(guard(['read:accounts'], 'public'), {
      tags,
      summary: 'Who boosted a status',
      description: 'Newest boost first; paginated by boost (Link header).',
      params: idParams,
      querystring: Type.Object(pageQuery(40)),
      response: { 200: listOf('Account'), ...errorResponses },
    }),
    async (request, reply) => {
      const entries = await services.reblogs.rebloggedBy({
        statusId: request.params.id,
        page: apiPage(request.query, 40),
        viewerId: viewerId(request) ?? undefined,
      });
      return pagedEntriesResponse(deps, request, reply, entries, accounts);
    },
  );

  fastify.get(
    '/api/v1/statuses/:id/favourited_by',
    route(guard(['read:accounts'], 'public'), {
      tags,
      summary: 'Who favourited a status',
      description: 'Paginated by favourite (Link header).',
      params: idParams,
      querystring: Type.Object(pageQuery(40)),
      response: { 200: listOf('Account'), ...errorResponses },
    }),
    async (request, reply) => {
      const entries = await services.favourites.favouritedBy({
        statusId: request.params.id,
        page: apiPage(request.query, 40),
        viewerId: viewerId(request) ?? undefined,
      });
      return pagedEntriesResponse(deps, request, reply, entries, accounts);
    },
  );
}
