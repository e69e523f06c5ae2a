import type { SelectQueryBuilder } from 'kysely';
import type { PageRequest } from '@microposts/core';
import type { Database } from '../schema.ts';

/**
 * Applies Mastodon's cursors to a query ordered by an id column: max_id (older), since_id (newer,
 * newest first) and min_id (immediately newer, so the query runs oldest-first and the caller reverses).
 */
export function paginate<O>(
  query: SelectQueryBuilder<Database, keyof Database, O>,
  column: string,
  page: PageRequest,
): { query: SelectQueryBuilder<Database, keyof Database, O>; reversed: boolean } {
  let q = query;
  const ref = column as 'statuses.id';
  if (page.maxId) q = q.where(ref, '<', page.maxId);
  if (page.sinceId) q = q.where(ref, '>', page.sinceId);
  if (page.minId) q = q.where(ref, '>', page.minId);
  const reversed = !!page.minId && !page.sinceId;
  return { query: q.orderBy(ref, reversed ? 'asc' : 'desc').limit(page.limit), reversed };
}

/** Runs a paginated query and returns its rows newest first. */
export async function fetchPage<O>(
  query: SelectQueryBuilder<Database, keyof Database, O>,
  column: string,
  page: PageRequest,
): Promise<O[]> {
  const p = paginate(query, column, page);
  const rows = await p.query.execute();
  return p.reversed ? rows.reverse() : rows;
}
