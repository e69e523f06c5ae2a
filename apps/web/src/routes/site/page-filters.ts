import type { FastifyRequest } from 'fastify';
import type { FilterContext, Status } from '@microposts/core';
import type { WebDeps } from '../../deps.ts';
import type { PageContext } from '../../views/context.ts';

/**
 * Puts the viewer's filter results for the page's statuses (in the page's context) on its page
 * context, for views/filtered.ts: nobody logged in has no filters.
 */
export async function applyPageFilters(
  deps: WebDeps,
  request: FastifyRequest,
  ctx: PageContext,
  context: FilterContext,
  statuses: Status[],
): Promise<PageContext> {
  if (request.viewer && statuses.length)
    ctx.filtered = await deps.services.filters.match({ viewerId: request.viewer.id, context, statuses });
  return ctx;
}
