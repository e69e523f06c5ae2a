// Cursor pagination: ids grow with time, so "older than id X" is stable while new statuses arrive.
import type { PageRequest } from './types.ts';

const ID = /^\d{1,19}$/;
const MAX_ID = 2n ** 63n - 1n;

/** True for a string that can be one of our ids: a bigint in decimal, no larger than PostgreSQL's bigint. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID.test(value) && BigInt(value) <= MAX_ID;
}

/** Builds a page request from untrusted query values, dropping malformed cursors and clamping the limit. */
export function pageRequest(
  query: { max_id?: unknown; since_id?: unknown; min_id?: unknown; limit?: unknown },
  defaultLimit = 20,
): PageRequest {
  const cursor = (v: unknown) => (isId(v) ? v : undefined);
  const n = typeof query.limit === 'string' || typeof query.limit === 'number' ? Number(query.limit) : NaN;
  const limit = Number.isInteger(n) && n > 0 ? Math.min(n, defaultLimit * 2) : defaultLimit;
  return { maxId: cursor(query.max_id), sinceId: cursor(query.since_id), minId: cursor(query.min_id), limit };
}
