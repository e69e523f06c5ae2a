// How a client API route is declared: its access (a guard) and its schema, once. The schema
// validates the request, gives the handler its TypeScript types (through the TypeBox type provider)
// and, with the guard's security, is the route's entry in the OpenAPI document.
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifySchema,
  preHandlerAsyncHookHandler,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
// Brings @fastify/swagger's schema keys (tags, summary, description, hide) into FastifySchema.
import type {} from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Guard } from './auth.ts';

/** The Fastify instance API route plugins get: request types come from the routes' TypeBox schemas. */
export type ApiFastify = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** A route's schema as the document needs it: every route has a tag and a summary. */
export type RouteSchema = FastifySchema & { tags: string[]; summary: string };

/**
 * The options of a route that the guard protects: its preHandler runs first (then any `also`, such
 * as a stricter rate limit), and its security goes into the schema for the OpenAPI document.
 */
export function route<S extends RouteSchema>(
  access: Guard,
  schema: S,
  also: preHandlerAsyncHookHandler[] = [],
) {
  const preHandler = access.preHandler ? [access.preHandler, ...also] : also;
  return {
    ...(preHandler.length ? { preHandler } : {}),
    schema: { ...schema, security: access.security },
  };
}
