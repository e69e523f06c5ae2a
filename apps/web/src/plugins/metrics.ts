// Prometheus metrics at /metrics: process memory, event-loop lag, GC, and request durations by route.
// Served only to direct loopback requests (a scraper on the host), never through nginx.
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export default fp(async (fastify) => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Duration of HTTP requests by method, route and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    duration.observe({ method: request.method, route, status: reply.statusCode }, reply.elapsedTime / 1000);
  });
  fastify.get('/metrics', { logLevel: 'warn' }, async (request, reply) => {
    const direct =
      !request.headers['x-forwarded-for'] && ['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(request.ip);
    if (!direct) return reply.callNotFound();
    return reply.type(registry.contentType).send(await registry.metrics());
  });
});
