// Cursor pagination: ids grow with time, so "older than id X" is stable while new statuses arrive.
import { isId } from './ids.ts';
import type { PageRequest } from './types/common.ts';

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
