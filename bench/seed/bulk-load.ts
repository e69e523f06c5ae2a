// Bulk-loads seeded tables in one transaction: truncate, drop the tables' plain indexes and foreign
// keys, COPY … FREEZE each table (rows written frozen and all-visible, so index-only scans work at
// once, as after a vacuum), then recreate the indexes and foreign keys (which validates every row)
// from their own definitions, so new indexes in migrations are handled without change here.
import { once } from 'node:events';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { SeedContext, TableSeed, Value } from './tables.ts';

export interface LoadReport {
  rows: Record<string, number>;
  skipped: string[];
  /** Seconds spent in each phase. */
  timings: Record<string, number>;
}

export async function bulkLoad(
  client: pg.Client,
  tables: TableSeed[],
  ctx: SeedContext,
): Promise<LoadReport> {
  const present: TableSeed[] = [];
  const skipped: TableSeed[] = [];
  for (const t of tables) {
    const { rows } = await client.query('SELECT to_regclass($1) IS NOT NULL AS ok', [t.table]);
    (rows[0].ok ? present : skipped).push(t);
  }
  const names = present.map((t) => t.table);
  const timings: Record<string, number> = {};
  const timed = async <T>(phase: string, run: () => Promise<T>) => {
    const t0 = performance.now();
    const result = await run();
    timings[phase] = (timings[phase] ?? 0) + (performance.now() - t0) / 1000;
    return result;
  };
  const counts: Record<string, number> = {};
  await client.query('BEGIN');
  try {
    await client.query(`SET LOCAL maintenance_work_mem = '512MB'`);
    // No row triggers during the load (the counters are computed once at the end, below).
    await client.query(`SET LOCAL session_replication_role = replica`);
    // Tables referencing these (sessions, tokens…) are empty in a fresh database; CASCADE empties them too.
    await client.query(`TRUNCATE ${names.map(quote).join(', ')} CASCADE`);
    const { rows: indexes } = await client.query<{ name: string; def: string }>(
      `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i
       WHERE i.indrelid = ANY($1::regclass[])
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
      [names],
    );
    const { rows: foreignKeys } = await client.query<{ tbl: string; name: string; def: string }>(
      `SELECT conrelid::regclass::text AS tbl, quote_ident(conname) AS name, pg_get_constraintdef(oid) AS def
       FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY($1::regclass[])`,
      [names],
    );
    for (const fk of foreignKeys) await client.query(`ALTER TABLE ${fk.tbl} DROP CONSTRAINT ${fk.name}`);
    for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);

    for (const t of present) {
      if ('rows' in t) {
        counts[t.table] = await timed(`copy ${t.table}`, () =>
          copyRows(client, t.table, t.columns, t.rows(ctx)),
        );
      } else {
        counts[t.table] = (await timed(`fill ${t.table}`, () => client.query(t.sql))).rowCount ?? 0;
      }
    }
    await timed('indexes', async () => {
      for (const index of indexes) await client.query(index.def);
    });
    await timed('foreign keys', async () => {
      for (const fk of foreignKeys)
        await client.query(`ALTER TABLE ${fk.tbl} ADD CONSTRAINT ${fk.name} ${fk.def}`);
    });
    // The counters the triggers keep (migration 0008), computed once for everything loaded.
    const { rows: rebuild } = await client.query(
      `SELECT to_regproc('microposts_rebuild_counters') IS NOT NULL AS ok`,
    );
    if (rebuild[0].ok) await timed('counters', () => client.query('SELECT microposts_rebuild_counters()'));
    await timed('commit', () => client.query('COMMIT'));
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
  // Statistics for the planner, and the visibility map of rows not written by COPY FREEZE.
  await timed('vacuum analyze', () => client.query(`VACUUM (ANALYZE) ${names.map(quote).join(', ')}`));
  return { rows: counts, skipped: skipped.map((t) => t.table), timings };
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function copyRows(client: pg.Client, table: string, columns: string[], rows: Iterable<Value[]>) {
  const stream = client.query(
    copyFrom(`COPY ${quote(table)} (${columns.map(quote).join(', ')}) FROM STDIN WITH (FREEZE)`),
  );
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  let count = 0;
  let chunk = '';
  for (const row of rows) {
    chunk += row.map(field).join('\t') + '\n';
    count++;
    if (chunk.length > 1 << 16) {
      if (!stream.write(chunk)) await once(stream, 'drain');
      chunk = '';
    }
  }
  stream.end(chunk);
  await done;
  return count;
}

// COPY's text format: \N for null, and backslash, tab and line ends escaped.
function field(value: Value): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!)
    : value;
}
