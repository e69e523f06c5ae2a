// The streaming API on the web process itself (Mastodon runs it as a separate server; here every web
// process serves it, and nginx sends /api/v1/streaming to them as to the rest):
//   WebSocket  /api/v1/streaming         subscribe/unsubscribe messages, several streams per socket
//   HTTP SSE   /api/v1/streaming/<stream>  one stream per response (server-sent events)
//   /api/v1/streaming/health             "OK"
// Messages as Mastodon sends them: {"stream":[name(,tag)],"event":...,"payload":"<JSON text>"} on
// a socket, `event: <name>` / `data: <JSON text>` on an event stream. Events: fan-out.ts.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { WebDeps } from '../deps.ts';
import { createFanOut, type Subscriber } from './fan-out.ts';
import { authenticate, resolveStream, SSE_PATHS, StreamError, type Stream, type Viewer } from './streams.ts';

/** Mastodon's intervals: an SSE comment every 15 s (proxies drop silent responses), a ping every 30 s. */
const SSE_HEARTBEAT_MS = 15_000;
const PING_MS = 30_000;
/** A client this far behind (bytes queued) is cut off rather than kept in memory. */
const MAX_BUFFERED = 4 * 1024 * 1024;
const WEBSOCKET_PATH = /^\/api\/v1\/streaming\/?(\?|$)/;

declare module 'fastify' {
  interface FastifyInstance {
    /** Ends every open stream (clients reconnect, to another process): a stopping process's first step. */
    endStreams(): void;
  }
}

export default fp<WebDeps>(
  async (fastify, deps) => {
    const fanOut = createFanOut(deps);
    const open = new Set<() => void>(); // how to end each open connection, for shutdown

    fastify.get('/api/v1/streaming/health', async (_request, reply) => reply.type('text/plain').send('OK'));
    for (const [path, name] of Object.entries(SSE_PATHS)) {
      fastify.get(path, (request, reply) => eventStream(request, reply, name));
    }
    const unknown = async (_request: FastifyRequest, reply: FastifyReply) =>
      reply.code(400).send({ error: 'Unknown channel requested' });
    fastify.get('/api/v1/streaming', unknown);
    fastify.get('/api/v1/streaming/*', unknown);

    async function eventStream(request: FastifyRequest, reply: FastifyReply, name: string) {
      let viewer: Viewer;
      let stream: Stream;
      try {
        viewer = await authenticate(deps, request.raw);
        stream = resolveStream(viewer, name, request.query as Record<string, unknown>);
      } catch (error) {
        if (!(error instanceof StreamError)) throw error;
        return reply.code(error.status).send({ error: error.message });
      }
      serveEvents(
        request,
        reply,
        viewer,
        [stream],
        (_stream, event, payload) => `event: ${event}\ndata: ${payload}\n\n`,
      );
    }

    // The website's live timelines and badge (public/live.js): the session's viewer, the streams the
    // page asks for (`public`, `user`), and only what the script needs: which stream, which id.
    fastify.get('/live', async (request, reply) => {
      const viewer: Viewer = { accountId: request.viewer?.id ?? null, scopes: ['read'] };
      const asked = [(request.query as Record<string, unknown>).stream].flat();
      const streams: Stream[] = [];
      for (const name of new Set(asked)) {
        if (name !== 'public' && name !== 'user')
          return reply.code(400).type('text/plain').send('Unknown stream');
        if (name === 'user' && !viewer.accountId)
          return reply.code(401).type('text/plain').send('Log in first');
        streams.push(resolveStream(viewer, name, {}));
      }
      if (!streams.length) return reply.code(400).type('text/plain').send('Unknown stream');
      serveEvents(request, reply, viewer, streams, (stream, event, payload) => {
        const id = event === 'delete' ? payload : /^\{"id":"(\d+)"/.exec(payload ?? '')?.[1];
        return `event: ${event}\ndata: ${JSON.stringify({ stream: stream.name, id })}\n\n`;
      });
    });

    /** Answers with an endless event stream of the streams' events, each written by `format`. */
    function serveEvents(
      request: FastifyRequest,
      reply: FastifyReply,
      viewer: Viewer,
      streams: Stream[],
      format: (stream: Stream, event: string, payload: string | undefined) => string,
    ) {
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        'x-accel-buffering': 'no', // nginx: pass each event on at once
        'x-request-id': request.id,
      });
      res.write(':)\n');
      const heartbeat = setInterval(() => res.write(':thump\n'), SSE_HEARTBEAT_MS);
      const remove = fanOut.add({
        viewer,
        streams: () => streams,
        send(stream, event, payload) {
          if (res.writableLength > MAX_BUFFERED) return void res.destroy();
          res.write(format(stream, event, payload));
        },
      });
      // The connection goes with the response: it must not linger as an idle keep-alive one.
      const end = () => res.end(() => res.socket?.destroy());
      open.add(end);
      res.on('close', () => {
        clearInterval(heartbeat);
        remove();
        open.delete(end);
      });
    }

    // WebSockets: the upgrade is authenticated before it is accepted, as Mastodon's server does (a
    // refused one gets a bare HTTP error with the reason in X-Error-Message).
    const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
    fastify.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      socket.on('error', () => {});
      if (!WEBSOCKET_PATH.test(request.url ?? '')) return refuse(socket, 404, 'Not found');
      authenticate(deps, request).then(
        (viewer) => wss.handleUpgrade(request, socket, head, (ws) => connected(ws, request, viewer)),
        (error: unknown) => {
          if (error instanceof StreamError) return refuse(socket, error.status, error.message);
          deps.logger.error({ err: error }, 'a streaming connection could not be authenticated');
          refuse(socket, 500, 'Internal server error');
        },
      );
    });

    function connected(ws: WebSocket, request: IncomingMessage, viewer: Viewer) {
      const subscriptions = new Map<string, Stream>();
      const subscriber: Subscriber = {
        viewer,
        streams: () => subscriptions.values(),
        send(stream, event, payload) {
          if (ws.readyState !== ws.OPEN) return;
          if (ws.bufferedAmount > MAX_BUFFERED) return void ws.terminate();
          // No payload (filters_changed): no `payload` key, as Mastodon sends it.
          ws.send(JSON.stringify({ stream: stream.label, event, payload }));
        },
      };
      const reply = (message: object) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
      };
      const subscribe = (name: unknown, params: Record<string, unknown>) => {
        try {
          const stream = resolveStream(viewer, first(name), params);
          if (!subscriptions.has(stream.key)) subscriptions.set(stream.key, stream);
        } catch (error) {
          if (!(error instanceof StreamError)) throw error;
          reply({ error: error.message, status: error.status });
        }
      };
      const remove = fanOut.add(subscriber);
      let alive = true;
      ws.on('pong', () => (alive = true));
      const ping = setInterval(() => {
        if (!alive) return void ws.terminate();
        alive = false;
        ws.ping();
      }, PING_MS);
      const end = () => ws.close(1001, 'The server is shutting down');
      open.add(end);
      ws.on('close', () => {
        clearInterval(ping);
        remove();
        open.delete(end);
      });
      ws.on('error', () => {}); // followed by 'close'
      ws.on('message', (data: RawData, isBinary: boolean) => {
        if (isBinary)
          return void ws.close(1003, 'The mastodon streaming server does not support binary messages');
        let message: unknown;
        try {
          message = JSON.parse(data.toString());
        } catch {
          return; // Mastodon ignores what it cannot parse
        }
        if (!message || typeof message !== 'object') return;
        const { type, stream, ...params } = message as Record<string, unknown>;
        if (type === 'subscribe') subscribe(stream, params);
        else if (type === 'unsubscribe') {
          try {
            subscriptions.delete(resolveStream(viewer, first(stream), params).key);
          } catch {
            reply({ error: 'Error unsubscribing from channel' });
          }
        }
      });
      // A stream named in the address (?stream=public) is subscribed at once.
      const query = Object.fromEntries(new URL(request.url ?? '/', 'http://localhost').searchParams);
      if (query.stream) subscribe(query.stream, query);
    }

    // Shutdown: streams are endless, so they are ended before the server waits for its connections.
    const endStreams = () => {
      for (const end of [...open]) end();
    };
    fastify.decorate('endStreams', endStreams);
    fastify.addHook('preClose', async () => {
      endStreams();
      await fanOut.close();
    });
    fastify.addHook('onClose', async () => {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    });
  },
  { name: 'microposts-streaming' },
);

function first(value: unknown): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' ? v : undefined;
}

/** Answers an upgrade that is not accepted, as Mastodon's streaming server does, and closes it. */
function refuse(socket: Duplex, status: number, message: string) {
  const reason =
    { 401: 'Unauthorized', 404: 'Not Found', 500: 'Internal Server Error' }[status] ?? 'Bad Request';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: 0\r\n` +
      `X-Error-Message: ${message}\r\n\r\n`,
  );
}
