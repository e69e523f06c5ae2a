// argon2id with OWASP's recommended parameters (19 MiB, 2 passes).
import { hash, verify } from '@node-rs/argon2';

const OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** Checks a password against an argon2 hash; false for a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch (error) {
    // Only a hash that cannot be decoded means "no password can match"; any other failure is a
    // failure (a 500 in the log), never a silent "wrong password".
    if ((error as { code?: string }).code === 'InvalidArg') return false;
    throw error;
  }
}

// A valid hash to verify against when the account does not exist, so timing does not reveal that.
let dummyHash: Promise<string> | undefined;
/** Spends the same time as a real verification, for unknown accounts. */
export async function verifyDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('not-a-real-password');
  await verifyPassword(await dummyHash, password);
  return false;
}
