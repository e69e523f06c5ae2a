// /readyz: the database answers and every migration this code knows is applied.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from './connection.ts';

const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
let known: string[] | null = null;

/** reason is safe to show anyone; error is the cause, for the log. */
export type Readiness = { ready: true } | { ready: false; reason: string; error?: unknown };

/** Checks within `timeoutMs` that PostgreSQL answers and no migration is pending. */
export async function checkReadiness(db: Db, timeoutMs = 2000): Promise<Readiness> {
  known ??= readdirSync(folder)
    .filter((f) => /^\d+-.*\.ts$/.test(f))
    .map((f) => f.replace(/\.ts$/, ''));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Readiness>((resolve) => {
    timer = setTimeout(
      () => resolve({ ready: false, reason: 'the database did not answer in time' }),
      timeoutMs,
    );
  });
  const check = (async (): Promise<Readiness> => {
    try {
      const { rows } = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(db);
      const applied = new Set(rows.map((r) => r.name));
      const pending = known!.filter((name) => !applied.has(name));
      return pending.length === 0
        ? { ready: true }
        : { ready: false, reason: `migrations pending: ${pending.join(', ')}` };
    } catch (error) {
      return { ready: false, reason: 'the database is unreachable', error };
    }
  })();
  try {
    return await Promise.race([check, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
