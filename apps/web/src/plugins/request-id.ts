// Every request gets an id: the one nginx sends (X-Request-Id: $request_id, so its log and ours
// agree) when it looks like one, or a fresh UUID. It is in every log line of the request, in the
// response's X-Request-Id, and in every job the request enqueues (and their log lines), so one id
// follows a request into the e-mails and other work it caused.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import fp from 'fastify-plugin';
import { runWithOrigin } from '@microposts/runtime';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Fastify's genReqId: a well-formed incoming X-Request-Id, or a new UUID (never a counter, which repeats across processes). */
export function requestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

export default fp(async (fastify) => {
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  // After the body is read (its stream events run outside any request context), so the handler and
  // everything it awaits run under the request's origin.
  fastify.addHook('preHandler', (request, _reply, done) => runWithOrigin({ requestId: request.id }, done));
});
