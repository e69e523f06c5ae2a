// A response sent before the request's body was read (413 for a body over the limit, a refusal made
// before parsing) makes Node.js close the connection once the response is out. A client still
// sending the body then meets a reset and may never show the answer (EPIPE in fetch, "connection
// reset" in a browser). As nginx does with its lingering close, the rest of the body is read and
// thrown away first, so the client finishes sending, then reads the answer on a connection that stays
// open. Bounded: a body declared or found larger than UNREAD_BYTES, or not done within UNREAD_MS, is
// not waited for, and the connection closes as before. No library does this for Fastify.
import type { IncomingMessage } from 'node:http';
import fp from 'fastify-plugin';

const UNREAD_BYTES = 8 * 1024 * 1024;
const UNREAD_MS = 5_000;

/** Reads and drops what is left of the request's body; resolves when it ends, or at the bounds. */
function dropRest(raw: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const finish = () => {
      clearTimeout(timer);
      raw.off('data', onData).off('end', finish).off('close', finish).off('error', finish);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > UNREAD_BYTES) finish();
    };
    const timer = setTimeout(finish, UNREAD_MS);
    raw.on('data', onData).once('end', finish).once('close', finish).once('error', finish);
    raw.resume();
  });
}

export default fp(async (fastify) => {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const raw = request.raw;
    const declared = Number(raw.headers['content-length'] ?? 0);
    if (raw.complete || raw.destroyed || declared > UNREAD_BYTES) return done(null, payload);
    void dropRest(raw).then(() => {
      // Fastify asks to close after a refused body, as more of it may follow; all of it has come.
      if (raw.complete) reply.removeHeader('connection');
      done(null, payload);
    });
  });
});
