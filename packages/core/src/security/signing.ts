// HMAC signatures for links sent by e-mail, keyed by SECRET_KEY.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 of a purpose-prefixed message, base64url. */
export function sign(secret: string, purpose: string, message: string): string {
  return createHmac('sha256', secret).update(`${purpose}\n${message}`).digest('base64url');
}

/** True when the signature is the one sign() gives; compared in constant time. */
export function verifySignature(
  secret: string,
  purpose: string,
  message: string,
  signature: string,
): boolean {
  const expected = Buffer.from(sign(secret, purpose, message));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** SHA-256 of a token, hex: what is stored instead of the token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A random, URL-safe identifier (128 bits). */
export function randomId(): string {
  return randomBytes(16).toString('base64url');
}
