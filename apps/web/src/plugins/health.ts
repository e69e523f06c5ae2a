// Probes for supervisors and load balancers: /livez says the process is up (restart it if not),
// /readyz that it can serve (PostgreSQL answers, migrations are current, not shutting down).
// /health is /readyz under its old name.
import fp from 'fastify-plugin';
import type { FastifyReply } from 'fastify';
import type { WebDeps } from '../deps.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Set when a SIGTERM asked the process to stop: /readyz fails and connections are closed after each response. */
    draining: boolean;
  }
}

/** Seconds a client is asked to wait (Retry-After) while the database is unavailable. */
export const RETRY_AFTER_SECONDS = 5;

export default fp<WebDeps>(async (fastify, deps) => {
  fastify.decorate('draining', false);
  const unavailable = (reply: FastifyReply, status: string, reason: string) =>
    reply.code(503).header('retry-after', RETRY_AFTER_SECONDS).send({ status, reason });
  const ready = async (_request: unknown, reply: FastifyReply) => {
    if (fastify.draining) return unavailable(reply, 'stopping', 'the process is shutting down');
    const readiness = await deps.readiness();
    if (readiness.ready) return { status: 'ready' };
    fastify.log.debug({ err: readiness.error, reason: readiness.reason }, 'not ready');
    return unavailable(reply, 'unavailable', readiness.reason);
  };
  // Probes come every few seconds: log them only when something is wrong.
  fastify.get('/livez', { logLevel: 'warn' }, async () => ({ status: 'live' }));
  fastify.get('/readyz', { logLevel: 'warn' }, ready);
  fastify.get('/health', { logLevel: 'warn' }, ready);
  fastify.addHook('onSend', async (_request, reply) => {
    if (fastify.draining) reply.header('connection', 'close');
  });
});
