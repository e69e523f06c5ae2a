// One-time messages for the next page ("Your post is live."), carried in a signed cookie that lives
// a minute rather than in the session, so a visitor who is not logged in needs no session row (and a
// logged-in person's session is not rewritten for each message).
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** The message for the next page, set by setFlash; written as a cookie when the reply goes. */
    nextFlash: string | undefined;
  }
}

const FLASH_COOKIE = 'microposts_flash';
const LIFETIME_SECONDS = 60;

/** Stores a one-time message shown on the next page. */
export function setFlash(request: FastifyRequest, message: string): void {
  request.nextFlash = message;
}

/** The message left for this page, if any; it is cleared, so it shows once. */
export function takeFlash(request: FastifyRequest, reply: FastifyReply): string | undefined {
  const raw = request.cookies?.[FLASH_COOKIE];
  if (!raw) return undefined;
  reply.clearCookie(FLASH_COOKIE);
  const { valid, value } = request.unsignCookie(raw);
  return valid && value ? value : undefined;
}

/** Needs @fastify/cookie registered with a secret (the session plugin does) and its defaults. */
export default fp(async (fastify) => {
  fastify.decorateRequest('nextFlash', undefined);
  fastify.addHook('onSend', async (request, reply) => {
    if (request.nextFlash)
      reply.setCookie(FLASH_COOKIE, request.nextFlash, { signed: true, maxAge: LIFETIME_SECONDS });
  });
});
