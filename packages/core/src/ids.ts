// Ids are time-ordered 64-bit integers (milliseconds << 16 | sequence), strings outside SQL.

const ID = /^\d{1,19}$/;
const MAX_ID = 2n ** 63n - 1n;

/** True for a string that can be one of our ids: a bigint in decimal, no larger than PostgreSQL's bigint. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID.test(value) && BigInt(value) <= MAX_ID;
}
