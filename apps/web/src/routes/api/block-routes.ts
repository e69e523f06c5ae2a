// Blocks: block and unblock an account, the list of blocked accounts (docs/visibility.md).
import { Type } from 'typebox';
import type { WebDeps } from '../../deps.ts';
import { actorId, guard } from '../../api/auth.ts';
import { idParams } from '../../api/context.ts';
import { accounts, relationship } from '../../api/entities.ts';
import { pagedEntriesResponse } from '../../api/paged-response.ts';
import { apiPage, pageQuery } from '../../api/pagination.ts';
import { route, type ApiFastify } from '../../api/route.ts';
import { errorResponses, listOf, ref } from '../../api/schemas.ts';

const tags = ['accounts'];

/** The blocks of the client API. */
export default async function blockRoutes(fastify: ApiFastify, deps: WebDeps) {
  const { services } = deps;
  const write = guard(['write:blocks'], 'user');

  for (const action of ['block', 'unblock'] as const) {
    fastify.post(
      `/api/v1/accounts/:id/${action}`,
      route(write, {
        tags,
        summary: action === 'block' ? 'Block an account' : 'Unblock an account',
        description:
          action === 'block'
            ? 'Ends the follows between you both ways; from then on neither of you sees the other: ' +
              'statuses, notifications, mentions, threads, search, profiles.'
            : 'Follows ended by the block do not come back.',
        params: idParams,
        response: { 200: ref('Relationship'), ...errorResponses },
      }),
      async (request) => {
        const input = { actorId: actorId(request), targetId: request.params.id };
        return relationship(await services.blocks[action](input));
      },
    );
  }

  fastify.get(
    '/api/v1/blocks',
    route(guard(['read:blocks'], 'user'), {
      tags,
      summary: 'Accounts you block',
      description: 'Newest block first; paginated by block (Link header).',
      querystring: Type.Object(pageQuery(40)),
      response: { 200: listOf('Account'), ...errorResponses },
    }),
    async (request, reply) => {
      const entries = await services.blocks.list({
        actorId: actorId(request),
        page: apiPage(request.query, 40),
      });
      return pagedEntriesResponse(deps, request, reply, entries, accounts);
    },
  );
}
