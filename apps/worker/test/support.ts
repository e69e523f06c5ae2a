// Shared set-up of the worker's end-to-end tests: a database, accounts, a real SMTP server and
// in-process services (the same composition root the web process uses) to post statuses.
import { bootstrap, loadConfig, type App } from '@microposts/runtime';
import { after } from 'node:test';
import { TEST_SECRET_KEY } from '../../../test/support/secret.ts';
import { sqlClient, type SqlClient } from '../../../test/support/sql.ts';

export const SECRET = TEST_SECRET_KEY;

/** An App on an existing database (for a second configuration, e.g. another MENTION_EMAIL_DELAY). */
export async function appOn(url: string, env: Record<string, string> = {}): Promise<App> {
  const config = loadConfig({
    DATABASE_URL: url,
    SECRET_KEY: SECRET,
    LOG_LEVEL: 'silent',
    MENTION_EMAIL_DELAY: '0',
    PUBLIC_URL: 'http://127.0.0.1:3000',
    ...env,
  });
  const app = await bootstrap(config, { name: 'test', migrate: false });
  after(() => app.close());
  return app;
}

/**
 * Creates accounts straight in the table (hashing passwords would dominate the run); confirmed and
 * with mention e-mails on unless told otherwise. Returns their ids by username.
 */
export async function makeAccounts(
  sql: SqlClient,
  usernames: string[],
  options: { confirmed?: boolean; mentionEmails?: boolean } = {},
): Promise<Record<string, string>> {
  const rows = await sql.rows<{ id: string; username: string }>(
    `INSERT INTO accounts (username, email, password_hash, email_confirmed_at, mention_emails)
     SELECT u, u || '@example.com', 'x', CASE WHEN $2 THEN now() END, $3 FROM unnest($1::text[]) AS u
     RETURNING id::text, username`,
    [usernames, options.confirmed ?? true, options.mentionEmails ?? true],
  );
  return Object.fromEntries(rows.map((r) => [r.username, r.id]));
}

/** Jobs still in the queue (any state), optionally of one task. */
export function queuedJobs(sql: SqlClient, task?: string): Promise<number> {
  return sql.count(
    `SELECT count(*) FROM graphile_worker.jobs WHERE ($1::text IS NULL OR task_identifier = $1)`,
    [task ?? null],
  );
}

export { sqlClient };
