// A status's edit history and source, and pins (Mastodon's StatusEdit, StatusSource, pin/unpin).
import type { WebDeps } from '../../deps.ts';
import { actorId, guard, viewerId } from '../../api/auth.ts';
import { entityContext, idParams } from '../../api/context.ts';
import { status, statusEdits, statusSource } from '../../api/entities.ts';
import { route, type ApiFastify } from '../../api/route.ts';
import { errorResponses, listOf, ref } from '../../api/schemas.ts';

const tags = ['statuses'];

/** GET …/history and …/source; POST …/pin and …/unpin. */
export default async function statusHistoryPinRoutes(fastify: ApiFastify, deps: WebDeps) {
  const { services } = deps;

  fastify.get(
    '/api/v1/statuses/:id/history',
    route(guard(['read:statuses'], 'public'), {
      tags,
      summary: 'Every version of a status',
      description:
        'Oldest first: the original, each edit, the current version last (one for a status never edited). ' +
        'A status you may not see is 404.',
      params: idParams,
      response: { 200: listOf('StatusEdit'), ...errorResponses },
    }),
    async (request) => {
      const history = await services.statuses.history({
        statusId: request.params.id,
        viewerId: viewerId(request) ?? undefined,
      });
      return statusEdits(entityContext(deps, request), history);
    },
  );

  fastify.get(
    '/api/v1/statuses/:id/source',
    route(guard(['read:statuses'], 'app'), {
      tags,
      summary: 'The plain text of a status, to edit it',
      description: 'Whoever may see the status, as on Mastodon; a status you may not see is 404.',
      params: idParams,
      response: { 200: ref('StatusSource'), ...errorResponses },
    }),
    async (request) =>
      statusSource(
        await services.statuses.source({
          statusId: request.params.id,
          viewerId: viewerId(request) ?? undefined,
        }),
      ),
  );

  const pinGuard = guard(['write:accounts'], 'user');
  for (const [action, summary] of [
    ['pin', 'Pin a status to your profile'],
    ['unpin', 'Unpin a status from your profile'],
  ] as const) {
    fastify.post(
      `/api/v1/statuses/:id/${action}`,
      route(pinGuard, {
        tags,
        summary,
        description:
          action === 'pin'
            ? 'Your own public, unlisted or followers-only statuses, at most 5 (otherwise 422 with Mastodon texts). ' +
              'A status you may not see is 404.'
            : 'Unpinning a status that is not pinned changes nothing.',
        params: idParams,
        response: { 200: ref('Status'), ...errorResponses },
      }),
      async (request) => {
        const input = { actorId: actorId(request), statusId: request.params.id };
        const result = action === 'pin' ? await services.pins.pin(input) : await services.pins.unpin(input);
        return status(entityContext(deps, request), result);
      },
    );
  }
}
