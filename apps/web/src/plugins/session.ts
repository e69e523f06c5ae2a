// Server-side sessions in PostgreSQL behind an HttpOnly, SameSite=Lax cookie (Secure with an https
// PUBLIC_URL), for logged-in people only: a visitor's CSRF secret and one-time messages live in
// cookies of their own (plugins/csrf.ts, plugins/flash.ts), so visiting stores nothing.
import { createHash } from 'node:crypto';
import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import session from '@fastify/session';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Account } from '@microposts/core';
import type { WebDeps } from '../deps.ts';

declare module 'fastify' {
  interface Session {
    accountId?: string;
  }
  interface FastifyRequest {
    viewer: Account | null;
  }
}

const ONE_DAY = 24 * 3600 * 1000;
const THIRTY_DAYS = 30 * ONE_DAY;
// Only a hash of the cookie value is stored, so a copy of the table cannot be used to log in.
const hashId = (sid: string) => createHash('sha256').update(sid).digest('base64url');

const COOKIE = 'microposts_session';

/** Ends this browser's session (its row and its cookie): log-out, and after the account's sessions ended. */
export async function endSession(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.session) await request.session.destroy();
  reply.clearCookie(COOKIE);
}

export default fp<WebDeps>(async (fastify, deps) => {
  const sessions = deps.services.sessions;
  // The secret signs the flash cookie; these defaults apply to every cookie the site sets.
  await fastify.register(cookie, {
    secret: deps.config.secretKey,
    parseOptions: { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.config.secureCookies },
  });
  await fastify.register(session, {
    secret: deps.config.secretKey,
    cookieName: COOKIE,
    saveUninitialized: false,
    // Not rolling: a session is written only when it changes, and renewed at most once a day below.
    rolling: false,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.config.secureCookies,
      maxAge: THIRTY_DAYS,
      path: '/',
    },
    store: {
      get(sid, callback) {
        sessions.load(hashId(sid)).then((r) => callback(null, r?.data as never), callback);
      },
      set(sid, data, callback) {
        // Nothing is stored for a visitor who is not logged in (a session regenerated before
        // logging in, say); the row is written when the session gets its account.
        if (!data.accountId) return callback();
        const plain = JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
        const expiresAt = new Date(Date.now() + THIRTY_DAYS);
        sessions
          .save(hashId(sid), {
            accountId: (data.accountId as string | undefined) ?? null,
            data: plain,
            expiresAt,
          })
          .then(() => callback(), callback);
      },
      destroy(sid, callback) {
        sessions.end(hashId(sid)).then(() => callback(), callback);
      },
    },
  });
  fastify.decorateRequest('viewer', null);
  fastify.addHook('preHandler', async (request, reply) => {
    const accountId = request.session.get('accountId');
    if (!accountId) return;
    const viewer = await deps.services.accounts.findActive(accountId);
    if (!viewer) return endSession(request, reply);
    request.viewer = viewer;
    const expires = request.session.cookie.expires;
    if (expires && expires.getTime() - Date.now() < THIRTY_DAYS - ONE_DAY) request.session.touch();
  });
});

/** The hashed form of a session id, as stored (for ending "all other sessions"). */
export { hashId as sessionKey };
