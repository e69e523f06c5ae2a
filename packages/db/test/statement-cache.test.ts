// The data package's statement cache (src/statement-cache.ts): Kysely's statements with parameters
// run as named prepared statements, parsed and planned once per connection. Here on real
// PostgreSQL: they are prepared and answer as before, statements without parameters are not, the
// capacity bounds them, and a statement whose result a migration changed is prepared afresh.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { connect, type Database } from '@microposts/db';
import { preparingPool } from '../src/statement-cache.ts';
import { testDatabase } from '../../../test/support/database.ts';
import { onTeardown } from '../../../test/support/teardown.ts';

const url = await testDatabase();

/** A Kysely over one connection, so pg_prepared_statements shows what that connection prepared. */
function oneConnection(capacity?: number): Kysely<Database> {
  if (capacity === undefined) {
    const db = connect(url, { max: 1 });
    onTeardown('close the pool', () => db.destroy());
    return db;
  }
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: preparingPool(new pg.Pool({ connectionString: url, max: 1 }), capacity),
    }),
  });
  onTeardown('close the pool', () => db.destroy());
  return db;
}

async function prepared(db: Kysely<Database>) {
  const { rows } = await sql<{ name: string; statement: string }>`
    SELECT name, statement FROM pg_prepared_statements ORDER BY statement`.execute(db);
  return rows.filter((r) => r.name.startsWith('microposts:'));
}

test('a statement with parameters is prepared once per connection and answers as before', async () => {
  const db = oneConnection();
  for (const n of [1, 2, 3]) {
    const { rows } = await sql<{ x: number; ids: string[] }>`
      SELECT ${n}::int * 2 AS x, ${['7', '8']}::bigint[]::text[] AS ids`.execute(db);
    assert.deepEqual(rows, [{ x: n * 2, ids: ['7', '8'] }]);
  }
  await sql`SELECT 40 + 2 AS constant`.execute(db);
  const found = await prepared(db);
  assert.deepEqual(
    found.map((r) => r.statement.replace(/\s+/g, ' ').trim()),
    ['SELECT $1::int * 2 AS x, $2::bigint[]::text[] AS ids'],
    'the statement without parameters is not prepared, the other once',
  );
});

test('past the capacity, new statements run unprepared and still answer', async () => {
  const db = oneConnection(2);
  const answers = [];
  for (const op of ['+', '-', '*'])
    answers.push((await sql<{ x: number }>`SELECT 10 ${sql.raw(op)} ${3}::int AS x`.execute(db)).rows[0]!.x);
  assert.deepEqual(answers, [13, 7, 30]);
  assert.equal((await prepared(db)).length, 2);
});

test('a statement whose result a migration changed is refused once, then prepared afresh', async () => {
  const db = oneConnection();
  await sql`CREATE TABLE scratch_rows (a int)`.execute(db);
  await sql`INSERT INTO scratch_rows VALUES (1)`.execute(db);
  const read = () => sql`SELECT * FROM scratch_rows WHERE a = ${1}::int`.execute(db);
  assert.deepEqual((await read()).rows, [{ a: 1 }]);
  await sql`ALTER TABLE scratch_rows ADD COLUMN b int DEFAULT 7`.execute(db);
  await assert.rejects(read(), /cached plan must not change result type/);
  assert.deepEqual((await read()).rows, [{ a: 1, b: 7 }]);
});
