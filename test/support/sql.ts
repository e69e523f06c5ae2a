// Plain SQL against a test database, for end-to-end tests that check what was (or was not) written.
// Test files outside packages/db may not import pg themselves (eslint), so they come through here.
import assert from 'node:assert/strict';
import pg from 'pg';
import { onTeardown } from './teardown.ts';

export interface SqlClient {
  /** Runs a query and returns its rows. */
  rows<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs a `SELECT count(*) ...` style query and returns the number. */
  count(text: string, params?: unknown[]): Promise<number>;
}

/** A small pool on the database URL, closed when the test file ends. */
export function sqlClient(url: string): SqlClient {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => {});
  onTeardown('close an SQL pool', () => pool.end());
  return {
    async rows<T>(text: string, params: unknown[] = []) {
      return (await pool.query(text, params)).rows as T[];
    },
    async count(text: string, params: unknown[] = []) {
      const { rows } = await pool.query(text, params);
      return Number(Object.values(rows[0] as object)[0]);
    },
  };
}

/**
 * Takes an ACCESS EXCLUSIVE lock on a table in a transaction of its own, so that whatever reads or
 * writes it waits; the returned function commits and lets them go.
 */
export async function lockTable(url: string, table: string): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN');
  await client.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
  return async () => {
    await client.query('COMMIT');
    await client.end();
  };
}

type Answer = Promise<{ status: number; body: unknown }>;

/**
 * `refused(request, status, error)`: asserts an API request was refused with that status and
 * Mastodon's `{error}` body, and that `snapshot` (the rows the request could write) did not change.
 * Give the request as a function to start it only after the snapshot was taken.
 */
export function refusedUnchanged(snapshot: () => Promise<unknown>, what = 'nothing written') {
  return async (request: Answer | (() => Answer), status: number, error: string) => {
    const before = await snapshot();
    const result = await (typeof request === 'function' ? request() : request);
    assert.equal(result.status, status, JSON.stringify(result.body));
    assert.deepEqual(result.body, { error });
    assert.deepEqual(await snapshot(), before, what);
  };
}

/** `refused(request, status, error, table)`: refusedUnchanged on all of one table's rows. */
export function refusedBy(sql: SqlClient) {
  return (request: Answer | (() => Answer), status: number, error: string, table: string) =>
    refusedUnchanged(() => sql.rows(`SELECT * FROM ${table} ORDER BY id`), `nothing written to ${table}`)(
      request,
      status,
      error,
    );
}
