// Polls: view one, vote (Mastodon's /api/v1/polls). A poll's id is its status's.
import { Type } from 'typebox';
import type { WebDeps } from '../../deps.ts';
import { actorId, guard, viewerId } from '../../api/auth.ts';
import { entityContext, idParams } from '../../api/context.ts';
import { pollEntity } from '../../api/entities.ts';
import { route, type ApiFastify } from '../../api/route.ts';
import { ApiError } from '../../error-policy.ts';
import { errorResponses, ref } from '../../api/schemas.ts';

const tags = ['polls'];

/** The polls of the client API. */
export default async function pollRoutes(fastify: ApiFastify, deps: WebDeps) {
  const { services } = deps;

  fastify.get(
    '/api/v1/polls/:id',
    route(guard(['read:statuses'], 'public'), {
      tags,
      summary: 'View a poll',
      description: 'The poll of a status you may see (else 404).',
      params: idParams,
      response: { 200: ref('Poll'), ...errorResponses },
    }),
    async (request) => {
      const found = await services.polls.get({
        pollId: request.params.id,
        viewerId: viewerId(request) ?? undefined,
      });
      return pollEntity(entityContext(deps, request), found);
    },
  );

  fastify.post(
    '/api/v1/polls/:id/votes',
    route(guard(['write:statuses'], 'user'), {
      tags,
      summary: 'Vote in a poll',
      description:
        'One vote per account, with all its choices at once (one in a single-choice poll). Refused with 422 as Mastodon ' +
        'refuses: the poll has ended, a choice is no option, your own poll, a second vote.',
      params: idParams,
      body: Type.Object({
        choices: Type.Optional(
          Type.Array(Type.Union([Type.Integer(), Type.String()]), {
            description: 'Indexes of the options, from 0.',
          }),
        ),
      }),
      response: { 200: ref('Poll'), ...errorResponses },
    }),
    async (request) => {
      const choices = request.body?.choices ?? [];
      // As Rails' params.require: a missing or empty parameter is a 400.
      if (choices.length === 0) throw new ApiError(400, 'param is missing or the value is empty: choices');
      const voted = await services.polls.vote({
        actorId: actorId(request),
        pollId: request.params.id,
        choices,
      });
      return pollEntity(entityContext(deps, request), voted);
    },
  );
}
