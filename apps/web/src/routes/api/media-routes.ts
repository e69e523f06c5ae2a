// Media: uploads (v2 answers at once, v1 waits for the worker), their alt text and focal point, and
// removing profile pictures. Only the uploader sees or changes an upload: anyone else gets 404.
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { PROCESSING_WAIT_MS, type MediaAttachment } from '@microposts/core';
import type { WebDeps } from '../../deps.ts';
import { actorId, guard } from '../../api/auth.ts';
import { entityContext, idParams } from '../../api/context.ts';
import { credentialAccount, mediaAttachment } from '../../api/entities.ts';
import { route, type ApiFastify } from '../../api/route.ts';
import { errorResponses, ref } from '../../api/schemas.ts';
import { ApiError } from '../../error-policy.ts';
import { uploadedFiles } from '../../uploads.ts';

const tags = ['media'];

const mediaFields = {
  description: Type.Optional(Type.String({ description: 'Alt text (up to 1500 characters).' })),
  focus: Type.Optional(Type.String({ description: 'Focal point `x,y`, each from -1.0 to 1.0.' })),
};
const uploadBody = Type.Object({
  ...mediaFields,
  file: Type.Optional(
    Type.String({
      format: 'binary',
      description: 'The image (JPEG, PNG, GIF, WebP or AVIF; at most 16 MB and 33 megapixels), as multipart.',
    }),
  ),
});
const mediaResponses = {
  200: ref('MediaAttachment'),
  202: ref('MediaAttachment'),
  206: ref('MediaAttachment'),
  413: ref('Error'),
  ...errorResponses,
};

/** The media of the client API. */
export default async function mediaRoutes(fastify: ApiFastify, deps: WebDeps) {
  const { services } = deps;
  const write = guard(['write:media'], 'user');

  // Mastodon's status codes: 200 processed, 206 still processing (GET, PUT), 422 refused by the worker.
  const answer = (
    reply: FastifyReply,
    request: Parameters<typeof entityContext>[1],
    m: MediaAttachment,
    processing: 202 | 206,
  ) => {
    if (m.state === 'failed') throw new ApiError(422, `Validation failed: ${m.error}`);
    reply.code(m.state === 'ready' ? 200 : processing);
    return mediaAttachment(entityContext(deps, request), m);
  };

  for (const version of ['v1', 'v2'] as const) {
    fastify.post(
      `/api/${version}/media`,
      {
        ...route(write, {
          tags,
          summary: version === 'v2' ? 'Upload an image' : 'Upload an image and wait for it',
          description:
            version === 'v2'
              ? 'Answers 202 at once with `url: null`; the worker processes the image (metadata stripped, ' +
                'oriented, resized, re-encoded). Poll `GET /api/v1/media/:id` until it answers 200.'
              : 'Waits for the worker (up to 20 s): 200 when processed, 422 when refused, 202 if still processing.',
          consumes: ['multipart/form-data'],
          body: uploadBody,
          response: mediaResponses,
        }),
        config: { uploads: ['file'] },
      },
      async (request, reply) => {
        const [uploaded] = await services.media.upload({
          actorId: actorId(request),
          items: [
            {
              file: uploadedFiles(request).file,
              description: request.body.description,
              focus: request.body.focus,
            },
          ],
        });
        const media =
          version === 'v1'
            ? ((await services.media.awaitProcessed([uploaded!.id], PROCESSING_WAIT_MS))[0] ?? uploaded!)
            : uploaded!;
        return answer(reply, request, media, 202);
      },
    );
  }

  fastify.get(
    '/api/v1/media/:id',
    route(write, {
      tags,
      summary: 'One of your uploads',
      description:
        '206 while the worker processes it, 200 when done, 422 (with the reason) when it refused it.',
      params: idParams,
      response: mediaResponses,
    }),
    async (request, reply) => {
      const media = await services.media.get({ actorId: actorId(request), mediaId: request.params.id });
      return answer(reply, request, media, 206);
    },
  );

  fastify.put(
    '/api/v1/media/:id',
    route(write, {
      tags,
      summary: 'Change the alt text or focal point of your upload',
      description: 'Also of media already posted (the status shows the change at once).',
      params: idParams,
      body: Type.Object(mediaFields),
      response: mediaResponses,
    }),
    async (request, reply) => {
      const media = await services.media.update({
        actorId: actorId(request),
        mediaId: request.params.id,
        description: request.body.description,
        focus: request.body.focus,
      });
      return answer(reply, request, media, 206);
    },
  );

  fastify.delete(
    '/api/v1/media/:id',
    route(write, {
      tags,
      summary: 'Delete an upload not posted',
      params: idParams,
      response: { 200: { type: 'object' }, ...errorResponses },
    }),
    async (request) => {
      await services.media.delete({ actorId: actorId(request), mediaId: request.params.id });
      return {};
    },
  );

  for (const picture of ['avatar', 'header'] as const) {
    fastify.delete(
      `/api/v1/profile/${picture}`,
      route(guard(['write:accounts'], 'user'), {
        tags: ['accounts'],
        summary: `Remove your ${picture} (back to the default)`,
        response: { 200: ref('CredentialAccount'), ...errorResponses },
      }),
      async (request) => {
        const updated = await services.settings.updateProfile({
          actorId: actorId(request),
          ...(picture === 'avatar' ? { removeAvatar: true } : { removeHeader: true }),
        });
        return credentialAccount(entityContext(deps, request), updated);
      },
    );
  }
}
