import type { CompiledQuery } from 'kysely';
import type { Db } from './connection.ts';

/**
 * A query whose text never changes, built and compiled by Kysely once and then run with each call's
 * values in the places of its stand-ins (string parameters that begin with NUL, which no built value
 * holds). Building and compiling a large select costs the web process 25–100 µs on every call, more
 * than PostgreSQL spends running it prepared (the statement cache, statement-cache.ts, prepares it
 * once per connection because its text is the same).
 */
export function compiledOnce<R>(build: (db: Db) => { compile(): CompiledQuery<R> }) {
  let compiled: CompiledQuery<R> | null = null;
  return async (db: Db, values: Record<string, unknown>): Promise<R[]> => {
    compiled ??= build(db).compile();
    const query: CompiledQuery<R> = {
      ...compiled,
      parameters: compiled.parameters.map((p) =>
        typeof p === 'string' && p.startsWith('\u0000') ? values[p.slice(1)] : p,
      ),
    };
    return (await db.executeQuery(query)).rows;
  };
}

/** The stand-in for the value named `name` (see compiledOnce). */
export const standIn = (name: string) => `\u0000${name}`;
