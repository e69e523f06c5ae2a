// Mutes: mute (with notifications and a duration) and unmute an account, the list of muted accounts.
import { Type } from 'typebox';
import type { WebDeps } from '../../deps.ts';
import { actorId, guard } from '../../api/auth.ts';
import { idParams } from '../../api/context.ts';
import { mutedAccounts, relationship } from '../../api/entities.ts';
import { pagedEntriesResponse } from '../../api/paged-response.ts';
import { apiPage, pageQuery } from '../../api/pagination.ts';
import { route, type ApiFastify } from '../../api/route.ts';
import { errorResponses, listOf, ref } from '../../api/schemas.ts';

const tags = ['accounts'];

/** The mutes of the client API. */
export default async function muteRoutes(fastify: ApiFastify, deps: WebDeps) {
  const { services } = deps;
  const write = guard(['write:mutes'], 'user');

  fastify.post(
    '/api/v1/accounts/:id/mute',
    route(write, {
      tags,
      summary: 'Mute an account',
      description:
        "Hides the account's statuses from your home, public and hashtag timelines, threads and search " +
        '(not from its profile). Muting again replaces the terms.',
      params: idParams,
      body: Type.Object({
        notifications: Type.Optional(
          Type.Boolean({ description: 'Also hide its notifications (default true).' }),
        ),
        duration: Type.Optional(
          Type.Union([Type.Integer(), Type.String()], {
            description: 'Seconds until the mute ends by itself; 0 (the default) for no end.',
          }),
        ),
      }),
      response: { 200: ref('Relationship'), ...errorResponses },
    }),
    async (request) =>
      relationship(
        await services.mutes.mute({
          actorId: actorId(request),
          targetId: request.params.id,
          notifications: request.body.notifications,
          duration: request.body.duration,
        }),
      ),
  );

  fastify.post(
    '/api/v1/accounts/:id/unmute',
    route(write, {
      tags,
      summary: 'Unmute an account',
      params: idParams,
      response: { 200: ref('Relationship'), ...errorResponses },
    }),
    async (request) =>
      relationship(await services.mutes.unmute({ actorId: actorId(request), targetId: request.params.id })),
  );

  fastify.get(
    '/api/v1/mutes',
    route(guard(['read:mutes'], 'user'), {
      tags,
      summary: 'Accounts you mute',
      description: 'Mutes in force, newest first, with `mute_expires_at`; paginated by mute (Link header).',
      querystring: Type.Object(pageQuery(40)),
      response: { 200: listOf('MutedAccount'), ...errorResponses },
    }),
    async (request, reply) => {
      const entries = await services.mutes.list({
        actorId: actorId(request),
        page: apiPage(request.query, 40),
      });
      return pagedEntriesResponse(deps, request, reply, entries, mutedAccounts);
    },
  );
}
