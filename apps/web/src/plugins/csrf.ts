// CSRF tokens (@fastify/csrf-protection) whose secret lives in a cookie, not in the session, so a
// visitor who is not logged in costs no session row. Tokens are HMACs under SECRET_KEY, and a
// logged-in person's tokens are bound to their session too: a secret planted in their browser
// (cookie tossing from a sibling host) is worth nothing without a token minted for their session.
// Under https the cookie has the __Host- prefix, which no other host can set.
import fp from 'fastify-plugin';
import csrfProtection from '@fastify/csrf-protection';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebDeps } from '../deps.ts';

/** What a token is bound to besides the secret: the session of a logged-in person. */
function userInfo(request: FastifyRequest): string {
  const session = request.session;
  return session?.get('accountId') ? `session:${session.sessionId}` : 'anonymous';
}

/** A CSRF token for a form on this page (sets the secret cookie if the browser has none yet). */
export function csrfToken(request: FastifyRequest, reply: FastifyReply): string {
  return reply.generateCsrf({ userInfo: userInfo(request) });
}

export default fp<WebDeps>(async (fastify, deps) => {
  const secure = deps.config.secureCookies;
  await fastify.register(csrfProtection, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: secure ? '__Host-microposts_csrf' : 'microposts_csrf',
    // Lax, as the session cookie: a link from another site opens a page without minting a new secret
    // (which would void the tokens of the person's other open tabs).
    // Kept as long as a session, so a tab restored after a browser restart can still post its form.
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: 30 * 24 * 3600 },
    csrfOpts: { hmacKey: deps.config.secretKey },
    getUserInfo: userInfo,
  });
});
