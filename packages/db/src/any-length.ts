import { sql, type RawBuilder } from 'kysely';

/**
 * An array of ids (bigint) as a parameter whose length the planner is not told. Given the values,
 * PostgreSQL estimates `unnest($1)` and `= ANY ($1)` from the array's real length (a custom plan, for
 * these values); planned once for any values (a generic plan), as ten elements. With batches of one
 * to five the custom estimate always came out cheaper, so a prepared statement was planned afresh on
 * every call, for the same plan: 0.2–0.5 ms for the viewer's marks and 2–5 ms for the mention e-mail
 * facts on a slow host, more than running them (docs/performance.md, "Plans made on every call").
 * Behind a sub-select the array is a value neither plan knows, both estimate ten elements, and after
 * five calls PostgreSQL keeps the generic plan for that connection.
 *
 * Only where the plan's shape cannot turn on the estimate (one index look-up per element, as a
 * LATERAL … LIMIT 1): accounts by id, planned for ten, became a hash join over every counter row.
 */
export const anyLength = (ids: unknown): RawBuilder<string[]> =>
  // The cast after the sub-select keeps `= ANY (…)` the array form: `= ANY ((SELECT …))` alone parses
  // as the sub-select form, one row to compare.
  sql`(SELECT ${ids}::bigint[])::bigint[]`;
