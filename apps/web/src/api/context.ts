import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { WebDeps } from '../deps.ts';
import { viewerId } from './auth.ts';
import type { EntityContext } from './entities.ts';

/** The serializer context of a request: the public URL and the authenticated user. */
export function entityContext(deps: WebDeps, request: FastifyRequest): EntityContext {
  return {
    baseUrl: deps.config.publicUrl,
    viewerId: viewerId(request),
    mediaUrl: deps.config.media.publicUrl,
  };
}

/** The params schema of a route with an `:id`. */
export const idParams = Type.Object({ id: Type.String() });
