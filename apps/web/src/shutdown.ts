// How a web process stops. SIGTERM (systemd, npm start's restarts) drains first: it stops accepting
// connections (a proxy's new ones are refused, which it retries elsewhere, POSTs included), /readyz
// fails, and every response on the connections it has closes its connection; once they are all gone
// (at most DRAIN_MS: nginx drops idle ones after its upstream keepalive_timeout) the process stops
// and lets running requests finish. So a proxy never sends a request on a connection being closed,
// nor to a process that stopped reading. SIGINT (Ctrl-C) skips the drain.
import { Server } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { App } from '@microposts/runtime';

/** Longest drain; nginx's upstream keepalive_timeout (deploy/nginx.conf) must be shorter. */
const DRAIN_MS = 5000;
/** Longest wait for running requests once the process stopped listening. */
const FINISH_MS = 10_000;

/** Installs the SIGTERM and SIGINT handlers described above. */
export function stopOnSignals(fastify: FastifyInstance, app: App): void {
  // fastify.close() stops new work but does not wait for handlers that are awaiting the database.
  // A response's 'close' comes once it is sent or its client has gone; onResponse never comes for a
  // request the client gave up on, which held every stop after a load test for the whole FINISH_MS.
  let inFlight = 0;
  fastify.addHook('onRequest', async (_request, reply) => {
    inFlight++;
    reply.raw.once('close', () => inFlight--);
  });

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, 'web process stopping');
    if (signal === 'SIGTERM') {
      fastify.draining = true;
      fastify.endStreams();
      // net.Server's close, not http.Server's: stop listening but keep the idle keep-alive
      // connections, on which the proxy may be sending a request right now.
      Server.prototype.close.call(fastify.server);
      await until(async () => (await connections(fastify)) === 0, DRAIN_MS);
    }
    await fastify.close();
    await until(() => inFlight === 0, FINISH_MS);
    if (inFlight > 0) app.logger.warn({ inFlight }, 'web process stopping with requests still running');
    await app.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

function connections(fastify: FastifyInstance): Promise<number> {
  return new Promise((resolve) =>
    fastify.server.getConnections((error, count) => resolve(error ? 0 : count)),
  );
}

async function until(done: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline && !(await done());) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
