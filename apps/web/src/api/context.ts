import type { FastifyRequest } from 'fastify';
import type { WebDeps } from '../deps.ts';
import { viewerId } from './auth.ts';
import type { EntityContext } from './entities.ts';

/** The serializer context of a request: the public URL, the services and the authenticated user. */
export function entityContext(deps: WebDeps, request: FastifyRequest): EntityContext {
  return { baseUrl: deps.config.publicUrl, services: deps.services, viewerId: viewerId(request) };
}

/** Route params with an id. */
export interface IdParams {
  Params: { id: string };
}

export const idParams = {
  type: 'object',
  properties: { id: { type: 'string' } },
  required: ['id'],
} as const;
