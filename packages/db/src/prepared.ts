import type { CompiledQuery } from 'kysely';
import { poolOf, type Db } from './connection.ts';

/**
 * Runs a query of fixed text as a named prepared statement when `db` is a pool: PostgreSQL parses and
 * plans it once per connection instead of on every run (for a few primary-key lookups, planning costs
 * more than running them). In a transaction, or on a Db that connect() did not make, it runs as any
 * other query.
 */
export async function runPrepared<R>(db: Db, name: string, query: CompiledQuery<R>): Promise<R[]> {
  let pool;
  try {
    pool = poolOf(db);
  } catch {
    return (await db.executeQuery(query)).rows;
  }
  const result = await pool.query({ name, text: query.sql, values: [...query.parameters] });
  return result.rows as R[];
}
