import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Account } from '@microposts/core';

/** The logged-in account, or null after sending a redirect to the log-in page. */
export function requireViewer(request: FastifyRequest, reply: FastifyReply): Account | null {
  if (request.viewer) return request.viewer;
  const back = request.method === 'GET' ? request.url : '/';
  void reply.redirect(`/login?return_to=${encodeURIComponent(back)}`, 303);
  return null;
}
