// A page of a list for the client API: the Link header from the page's cursors, then the entities.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Entry } from '@microposts/core';
import type { WebDeps } from '../deps.ts';
import { entityContext } from './context.ts';
import type { EntityContext } from './entities.ts';
import { setLinkHeader } from './pagination.ts';

// Entities (serialized by the route's response schema) or JSON text made from cached pieces.
type Render<T, R> = (ctx: EntityContext, items: T[]) => Promise<R> | R;

/** A page whose cursor is each item's own id (statuses, notifications). */
export function pagedResponse<T extends { id: string }, R>(
  deps: WebDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  list: T[],
  render: Render<T, R>,
): Promise<R | FastifyReply> {
  return pagedEntriesResponse(
    deps,
    request,
    reply,
    list.map((item) => ({ id: item.id, item })),
    render,
  );
}

/** A page whose cursor is not the item's id but its entry's (a follow's, a favourite's). */
export async function pagedEntriesResponse<T, R>(
  deps: WebDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  entries: Entry<T>[],
  render: Render<T, R>,
): Promise<R | FastifyReply> {
  setLinkHeader(
    request,
    reply,
    deps.config.publicUrl,
    entries.map((e) => e.id),
  );
  const body = await render(
    entityContext(deps, request),
    entries.map((e) => e.item),
  );
  return typeof body === 'string' ? sendJsonText(reply, body) : body;
}

/** Sends JSON that is already text (made from cached pieces): as is, as application/json. */
export function sendJsonText(reply: FastifyReply, text: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(text);
}
