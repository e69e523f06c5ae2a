// Filters v2 (Mastodon's /api/v2/filters, its keywords and status filters) and filters v1's list,
// answered from the v2 keywords as Mastodon does (one V1 filter per keyword).
import { Type } from 'typebox';
import type { KeywordAttributes } from '@microposts/core';
import type { WebDeps } from '../../deps.ts';
import { actorId, guard } from '../../api/auth.ts';
import { idParams } from '../../api/context.ts';
import { filter, filterKeyword, filterStatus, v1Filters } from '../../api/entities.ts';
import { route, type ApiFastify } from '../../api/route.ts';
import { anyObject, errorResponses, listOf, ref } from '../../api/schemas.ts';
import { ApiError } from '../../error-policy.ts';
import { toBoolean } from '../../params.ts';

const tags = ['filters'];
const filterIdParams = Type.Object({ filter_id: Type.String() });

// expires_in: seconds, or '' / null for no end. A string, so '' is kept (it means "no end"); AJV
// coerces a JSON number to its digits and null to ''.
const expiresIn = Type.Optional(
  Type.String({ description: 'Seconds until the filter stops applying; empty or null for never.' }),
);

const filterBody = Type.Object({
  title: Type.Optional(Type.String()),
  context: Type.Optional(
    Type.Array(Type.String(), { description: '`home`, `notifications`, `public`, `thread`, `account`.' }),
  ),
  filter_action: Type.Optional(Type.String({ description: '`warn` (default) or `hide`.' })),
  expires_in: expiresIn,
  keywords_attributes: Type.Optional(
    // Any JSON: parsed by keywordRows below (a list, or a form's numbered rows).
    Type.Unsafe<unknown>({
      description:
        'Keywords: `keyword`, `whole_word` (default true); with `id`, changes that keyword, or removes it with `_destroy`.',
    }),
  ),
});

const keywordBody = Type.Object({
  keyword: Type.Optional(Type.String()),
  whole_word: Type.Optional(Type.Boolean()),
});

// keywords_attributes as clients send it: a JSON array, or a form's `[0][keyword]` rows (an object
// keyed by index when not numbered from 0).
function keywordRows(value: unknown): KeywordAttributes[] | undefined {
  if (value === undefined || value === null) return undefined;
  const rows = Array.isArray(value) ? value : typeof value === 'object' ? Object.values(value) : null;
  if (!rows || !rows.every((r) => r !== null && typeof r === 'object' && !Array.isArray(r)))
    throw new ApiError(422, 'Validation failed: Keywords attributes must be a list of keywords');
  return rows.map((r: Record<string, unknown>) => ({
    id: typeof r.id === 'string' || typeof r.id === 'number' ? String(r.id) : undefined,
    keyword: typeof r.keyword === 'string' ? r.keyword : undefined,
    wholeWord: toBoolean(r.whole_word),
    destroy: toBoolean(r._destroy),
  }));
}

/** Filters, their keywords and status filters. */
export default async function filterRoutes(fastify: ApiFastify, deps: WebDeps) {
  const { services } = deps;
  const read = guard(['read:filters'], 'user');
  const write = guard(['write:filters'], 'user');

  fastify.get(
    '/api/v2/filters',
    route(read, {
      tags,
      summary: 'Your filters',
      description: 'Oldest first, each with its keywords and statuses; expired ones too.',
      response: { 200: listOf('Filter'), ...errorResponses },
    }),
    async (request) => (await services.filters.list({ actorId: actorId(request) })).map((f) => filter(f)),
  );

  fastify.post(
    '/api/v2/filters',
    route(write, {
      tags,
      summary: 'Make a filter',
      description: 'A `title` and at least one `context` are required.',
      body: filterBody,
      response: { 200: ref('Filter'), ...errorResponses },
    }),
    async (request) => {
      const b = request.body;
      const made = await services.filters.create({
        actorId: actorId(request),
        title: b.title,
        context: b.context,
        filterAction: b.filter_action,
        expiresIn: b.expires_in,
        keywords: keywordRows(b.keywords_attributes),
      });
      return filter(made);
    },
  );

  fastify.get(
    '/api/v2/filters/:id',
    route(read, {
      tags,
      summary: 'One of your filters',
      params: idParams,
      response: { 200: ref('Filter'), ...errorResponses },
    }),
    async (request) =>
      filter(await services.filters.get({ actorId: actorId(request), id: request.params.id })),
  );

  fastify.put(
    '/api/v2/filters/:id',
    route(write, {
      tags,
      summary: 'Change one of your filters',
      description: 'What is given changes; `keywords_attributes` adds, changes and removes keywords.',
      params: idParams,
      body: filterBody,
      response: { 200: ref('Filter'), ...errorResponses },
    }),
    async (request) => {
      const b = request.body;
      const changed = await services.filters.update({
        actorId: actorId(request),
        id: request.params.id,
        title: b.title,
        context: b.context,
        filterAction: b.filter_action,
        expiresIn: b.expires_in,
        keywords: keywordRows(b.keywords_attributes),
      });
      return filter(changed);
    },
  );

  fastify.delete(
    '/api/v2/filters/:id',
    route(write, {
      tags,
      summary: 'Delete one of your filters',
      params: idParams,
      response: { 200: anyObject, ...errorResponses },
    }),
    async (request) => {
      await services.filters.remove({ actorId: actorId(request), id: request.params.id });
      return {};
    },
  );

  fastify.get(
    '/api/v2/filters/:filter_id/keywords',
    route(read, {
      tags,
      summary: "A filter's keywords",
      params: filterIdParams,
      response: { 200: listOf('FilterKeyword'), ...errorResponses },
    }),
    async (request) =>
      (await services.filters.keywords({ actorId: actorId(request), id: request.params.filter_id })).map(
        filterKeyword,
      ),
  );

  fastify.post(
    '/api/v2/filters/:filter_id/keywords',
    route(write, {
      tags,
      summary: 'Add a keyword to a filter',
      params: filterIdParams,
      body: keywordBody,
      response: { 200: ref('FilterKeyword'), ...errorResponses },
    }),
    async (request) =>
      filterKeyword(
        await services.filters.addKeyword({
          actorId: actorId(request),
          filterId: request.params.filter_id,
          keyword: request.body.keyword,
          wholeWord: request.body.whole_word,
        }),
      ),
  );

  fastify.get(
    '/api/v2/filters/keywords/:id',
    route(read, {
      tags,
      summary: 'One of your keywords',
      params: idParams,
      response: { 200: ref('FilterKeyword'), ...errorResponses },
    }),
    async (request) =>
      filterKeyword(await services.filters.keyword({ actorId: actorId(request), id: request.params.id })),
  );

  fastify.put(
    '/api/v2/filters/keywords/:id',
    route(write, {
      tags,
      summary: 'Change one of your keywords',
      params: idParams,
      body: keywordBody,
      response: { 200: ref('FilterKeyword'), ...errorResponses },
    }),
    async (request) =>
      filterKeyword(
        await services.filters.updateKeyword({
          actorId: actorId(request),
          id: request.params.id,
          keyword: request.body.keyword,
          wholeWord: request.body.whole_word,
        }),
      ),
  );

  fastify.delete(
    '/api/v2/filters/keywords/:id',
    route(write, {
      tags,
      summary: 'Remove one of your keywords',
      params: idParams,
      response: { 200: anyObject, ...errorResponses },
    }),
    async (request) => {
      await services.filters.removeKeyword({ actorId: actorId(request), id: request.params.id });
      return {};
    },
  );

  fastify.get(
    '/api/v2/filters/:filter_id/statuses',
    route(read, {
      tags,
      summary: 'The statuses a filter names',
      params: filterIdParams,
      response: { 200: listOf('FilterStatus'), ...errorResponses },
    }),
    async (request) =>
      (await services.filters.statuses({ actorId: actorId(request), id: request.params.filter_id })).map(
        filterStatus,
      ),
  );

  fastify.post(
    '/api/v2/filters/:filter_id/statuses',
    route(write, {
      tags,
      summary: 'Name a status in a filter',
      description: 'A status you may not see is refused as one that does not exist.',
      params: filterIdParams,
      body: Type.Object({ status_id: Type.Optional(Type.String()) }),
      response: { 200: ref('FilterStatus'), ...errorResponses },
    }),
    async (request) =>
      filterStatus(
        await services.filters.addStatus({
          actorId: actorId(request),
          filterId: request.params.filter_id,
          statusId: request.body.status_id,
        }),
      ),
  );

  fastify.get(
    '/api/v2/filters/statuses/:id',
    route(read, {
      tags,
      summary: 'One of your status filters',
      params: idParams,
      response: { 200: ref('FilterStatus'), ...errorResponses },
    }),
    async (request) =>
      filterStatus(await services.filters.status({ actorId: actorId(request), id: request.params.id })),
  );

  fastify.delete(
    '/api/v2/filters/statuses/:id',
    route(write, {
      tags,
      summary: 'Remove one of your status filters',
      params: idParams,
      response: { 200: anyObject, ...errorResponses },
    }),
    async (request) => {
      await services.filters.removeStatus({ actorId: actorId(request), id: request.params.id });
      return {};
    },
  );

  fastify.get(
    '/api/v1/filters',
    route(read, {
      tags,
      summary: 'Your filters, v1',
      description: "One per keyword of your filters (v2), with its filter's context, end and action.",
      response: { 200: listOf('V1Filter'), ...errorResponses },
    }),
    async (request) => v1Filters(await services.filters.list({ actorId: actorId(request) })),
  );

  fastify.get(
    '/api/v1/filters/:id',
    route(read, {
      tags,
      summary: 'One of your keywords, as filters v1 showed it',
      params: idParams,
      response: { 200: ref('V1Filter'), ...errorResponses },
    }),
    async (request) => {
      const keyword = await services.filters.keyword({ actorId: actorId(request), id: request.params.id });
      const owner = await services.filters.get({ actorId: actorId(request), id: keyword.filterId });
      return v1Filters([{ ...owner, keywords: [keyword] }])[0];
    },
  );
}
