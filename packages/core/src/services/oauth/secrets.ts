// Client secrets, codes and tokens are 256 random bits; only their SHA-256 is stored. A slow hash
// (argon2) would add nothing for values that cannot be guessed, and would cost every API request.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes as base64url (43 characters). */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The stored form of a secret, code or token: SHA-256 as base64url. */
export function hashSecret(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

/** Compares a presented secret with a stored hash in constant time. */
export function secretMatches(value: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(value));
  const b = Buffer.from(storedHash);
  return a.length === b.length && timingSafeEqual(a, b);
}
