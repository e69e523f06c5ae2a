// Reading positions (Mastodon's markers) of the home timeline and the notifications.
import { Type } from 'typebox';
import type { WebDeps } from '../../deps.ts';
import { actorId, guard } from '../../api/auth.ts';
import { markers } from '../../api/entities.ts';
import { route, type ApiFastify } from '../../api/route.ts';
import { errorResponses, ref } from '../../api/schemas.ts';

const tags = ['markers'];
const position = Type.Optional(
  Type.Object({ last_read_id: Type.Optional(Type.String({ description: 'The id last read.' })) }),
);

/** GET and POST /api/v1/markers. */
export default async function markerRoutes(fastify: ApiFastify, deps: WebDeps) {
  const { services } = deps;

  fastify.get(
    '/api/v1/markers',
    route(guard(['read:statuses'], 'user'), {
      tags,
      summary: 'Your reading positions',
      description:
        '`timeline[]` names the timelines (`home`, `notifications`); without it the answer is `{}`, as on ' +
        'Mastodon. A timeline you never saved a position for is left out.',
      querystring: Type.Object({ timeline: Type.Optional(Type.Array(Type.String())) }),
      response: { 200: ref('Markers'), ...errorResponses },
    }),
    async (request) =>
      markers(
        await services.markers.get({ actorId: actorId(request), timelines: request.query.timeline ?? [] }),
      ),
  );

  fastify.post(
    '/api/v1/markers',
    route(guard(['write:statuses'], 'user'), {
      tags,
      summary: 'Save your reading positions',
      description:
        '`home[last_read_id]` and `notifications[last_read_id]` (form brackets or JSON; ids as strings or ' +
        'numbers). The notifications position is what is read: notifications up to it are read, later ' +
        'ones unread (so `unread_count` counts what lies after it), and mention e-mails of read ones ' +
        'are not sent. `version` counts the moves. Answers the markers saved.',
      body: Type.Object({ home: position, notifications: position }),
      response: { 200: ref('Markers'), ...errorResponses },
    }),
    async (request) => {
      const body = request.body;
      const saved = await services.markers.save({
        actorId: actorId(request),
        positions: {
          // a timeline sent without its last_read_id is a blank one (Mastodon: "can't be blank")
          home: body.home ? (body.home.last_read_id ?? '') : undefined,
          notifications: body.notifications ? (body.notifications.last_read_id ?? '') : undefined,
        },
      });
      return markers(saved);
    },
  );
}
