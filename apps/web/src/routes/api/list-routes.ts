// Lists: the lists themselves, their members, the lists holding an account, and a list's timeline.
import { Type } from 'typebox';
import type { WebDeps } from '../../deps.ts';
import { actorId, guard } from '../../api/auth.ts';
import { entityContext, idParams } from '../../api/context.ts';
import { accounts, listEntity } from '../../api/entities.ts';
import { filteredStatusesJson } from '../../api/filtered.ts';
import { pagedEntriesResponse, pagedResponse } from '../../api/paged-response.ts';
import { apiPage, pageQuery } from '../../api/pagination.ts';
import { route, type ApiFastify } from '../../api/route.ts';
import { anyObject, errorResponses, listOf, ref } from '../../api/schemas.ts';

const tags = ['lists'];

const listBody = (creating: boolean) =>
  Type.Object({
    title: Type.Optional(Type.String({ description: creating ? 'The title (required).' : 'The new title.' })),
    replies_policy: Type.Optional(
      Type.String({
        description:
          'Which replies to others show: `followed` (to anyone you follow), `list` (to members; the ' +
          'default), `none`. Replies to yourself and self-replies always show.',
      }),
    ),
    exclusive: Type.Optional(
      Type.Boolean({ description: "Leave the members' statuses out of your home timeline (default false)." }),
    ),
  });

const accountIdsBody = Type.Object({
  account_ids: Type.Optional(Type.Array(Type.String(), { description: 'The accounts (`account_ids[]`).' })),
});

/** The lists of the client API. */
export default async function listRoutes(fastify: ApiFastify, deps: WebDeps) {
  const { services } = deps;
  const read = guard(['read:lists'], 'user');
  const write = guard(['write:lists'], 'user');

  fastify.get(
    '/api/v1/lists',
    route(read, {
      tags,
      summary: 'Your lists',
      description: 'All of them (at most 50), oldest first.',
      response: { 200: listOf('List'), ...errorResponses },
    }),
    async (request) => (await services.lists.lists({ actorId: actorId(request) })).map(listEntity),
  );

  fastify.post(
    '/api/v1/lists',
    route(write, {
      tags,
      summary: 'Make a list',
      description: "Another person's lists are never seen: their ids answer `404`.",
      body: listBody(true),
      response: { 200: ref('List'), ...errorResponses },
    }),
    async (request) =>
      listEntity(
        await services.lists.create({
          actorId: actorId(request),
          title: request.body.title,
          repliesPolicy: request.body.replies_policy,
          exclusive: request.body.exclusive,
        }),
      ),
  );

  fastify.get(
    '/api/v1/lists/:id',
    route(read, {
      tags,
      summary: 'One of your lists',
      params: idParams,
      response: { 200: ref('List'), ...errorResponses },
    }),
    async (request) =>
      listEntity(await services.lists.get({ actorId: actorId(request), listId: request.params.id })),
  );

  fastify.put(
    '/api/v1/lists/:id',
    route(write, {
      tags,
      summary: 'Change a list',
      description: 'What is sent changes; the rest stays.',
      params: idParams,
      body: listBody(false),
      response: { 200: ref('List'), ...errorResponses },
    }),
    async (request) =>
      listEntity(
        await services.lists.update({
          actorId: actorId(request),
          listId: request.params.id,
          title: request.body.title,
          repliesPolicy: request.body.replies_policy,
          exclusive: request.body.exclusive,
        }),
      ),
  );

  fastify.delete(
    '/api/v1/lists/:id',
    route(write, {
      tags,
      summary: 'Delete a list',
      description: 'Its members stay followed.',
      params: idParams,
      response: { 200: anyObject, ...errorResponses },
    }),
    async (request) => {
      await services.lists.delete({ actorId: actorId(request), listId: request.params.id });
      return {};
    },
  );

  fastify.get(
    '/api/v1/lists/:id/accounts',
    route(read, {
      tags,
      summary: "A list's members",
      description:
        'Paginated by account id (Link header); `limit` default 40, at most 80; `limit=0`: all of them.',
      params: idParams,
      querystring: Type.Object(pageQuery(40)),
      response: { 200: listOf('Account'), ...errorResponses },
    }),
    async (request, reply) => {
      const all = request.query.limit === '0';
      const entries = await services.lists.members({
        actorId: actorId(request),
        listId: request.params.id,
        page: all ? null : apiPage(request.query, 40),
      });
      // All of them at once: no Link header, as Mastodon.
      if (all)
        return accounts(
          entityContext(deps, request),
          entries.map((e) => e.item),
        );
      return pagedEntriesResponse(deps, request, reply, entries, accounts);
    },
  );

  fastify.post(
    '/api/v1/lists/:id/accounts',
    route(write, {
      tags,
      summary: 'Add accounts to a list',
      description:
        'Only accounts you follow (and yourself); all or none. An account that does not exist or that you ' +
        'do not follow: `404 Record not found`; one already in the list: `422 Validation failed: Account ' +
        'has already been taken`. Unfollowing an account takes it out of your lists.',
      params: idParams,
      body: accountIdsBody,
      response: { 200: anyObject, ...errorResponses },
    }),
    async (request) => {
      await services.lists.addMembers({
        actorId: actorId(request),
        listId: request.params.id,
        accountIds: request.body.account_ids ?? [],
      });
      return {};
    },
  );

  fastify.delete(
    '/api/v1/lists/:id/accounts',
    route(write, {
      tags,
      summary: 'Take accounts out of a list',
      description: 'Those not in it are ignored.',
      params: idParams,
      body: accountIdsBody,
      response: { 200: anyObject, ...errorResponses },
    }),
    async (request) => {
      await services.lists.removeMembers({
        actorId: actorId(request),
        listId: request.params.id,
        accountIds: request.body.account_ids ?? [],
      });
      return {};
    },
  );

  fastify.get(
    '/api/v1/accounts/:id/lists',
    route(read, {
      tags: ['accounts'],
      summary: 'Your lists that hold this account',
      params: idParams,
      response: { 200: listOf('List'), ...errorResponses },
    }),
    async (request) =>
      (await services.lists.holding({ actorId: actorId(request), accountId: request.params.id })).map(
        listEntity,
      ),
  );

  fastify.get(
    '/api/v1/timelines/list/:id',
    route(guard(['read:lists'], 'user'), {
      tags: ['timelines'],
      summary: 'List timeline',
      description:
        "Statuses of the list's members, newest first, as on your home timeline (visibility, blocks, mutes); " +
        "replies to others as the list's `replies_policy` says.",
      params: idParams,
      querystring: Type.Object(pageQuery(20)),
      response: { 200: listOf('Status'), ...errorResponses },
    }),
    async (request, reply) => {
      const list = await services.lists.timeline({
        actorId: actorId(request),
        listId: request.params.id,
        page: apiPage(request.query),
      });
      // A list timeline takes the viewer's `home` filters, as on Mastodon.
      return pagedResponse(deps, request, reply, list, filteredStatusesJson(deps, 'home'));
    },
  );
}
