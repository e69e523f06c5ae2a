// `npm run cli -- jobs` and `jobs retry`, run as operators run them, against a queue with jobs in
// every state; plus the housekeeping task's purge.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { appOn } from '../../../test/support/app.ts';
import { cliEnv, runCli } from '../../../test/support/cli.ts';
import { testDatabase } from '../../../test/support/database.ts';
import { fixtures } from '../../../test/support/fixtures.ts';
import { sqlClient } from '../../../test/support/sql.ts';

const databaseUrl = await testDatabase();
const sql = sqlClient(databaseUrl);
const env = cliEnv(databaseUrl);

const cli = (...args: string[]) => runCli(env, ...args);

const add = async (task: string, payload: string, runAt = 'now()') =>
  (
    await sql.rows<{ id: string }>(
      `SELECT id::text FROM graphile_worker.add_job($1, $2::json, run_at => ${runAt})`,
      [task, payload],
    )
  )[0]!.id;

// One job per state (no worker runs here, so they stay put).
const queued = await add('mention-email', '{"statusId":"1","accountId":"2"}');
const scheduled = await add(
  'confirm-email',
  '{"tokenId":"abcdefghijklmnopqrstuv"}',
  "now() + interval '1 hour'",
);
const failed = await add('mention-email', '{"statusId":"3","accountId":"4"}');
await sql.rows(
  `UPDATE graphile_worker._private_jobs SET attempts = max_attempts, last_error = 'Error: connect ECONNREFUSED 127.0.0.1:2525' WHERE id = $1`,
  [failed],
);
const running = await add('housekeeping', '{}');
await sql.rows(
  `UPDATE graphile_worker._private_jobs SET locked_at = now(), locked_by = 'pool-x', attempts = 1 WHERE id = $1`,
  [running],
);

const stateOf = async (id: string) =>
  (
    await sql.rows<{ attempts: number; max_attempts: number }>(
      `SELECT attempts, max_attempts FROM graphile_worker.jobs WHERE id = $1`,
      [id],
    )
  )[0];

describe('jobs CLI', () => {
  test('`jobs` counts every state and lists jobs with their last error', async () => {
    const { code, stdout } = await cli('jobs');
    assert.equal(code, 0);
    assert.match(stdout, /^queued: 1, scheduled: 1, running: 1, failed: 1$/m);
    assert.match(stdout, new RegExp(`${failed}\\s+mention-email\\s+failed\\s+attempt 25/25`));
    assert.match(stdout, /last error: Error: connect ECONNREFUSED 127\.0\.0\.1:2525/);
    assert.match(stdout, new RegExp(`${scheduled}\\s+confirm-email\\s+scheduled`));
    assert.match(stdout, new RegExp(`${running}\\s+housekeeping\\s+running`));
    assert.match(stdout, new RegExp(`${queued}\\s+mention-email\\s+queued`));
  });

  test('`jobs --state failed` lists only failed jobs; a bad state is an error', async () => {
    const { stdout } = await cli('jobs', '--state', 'failed');
    assert.ok(stdout.includes(` ${failed} `) || stdout.includes(`${failed}  `));
    assert.ok(!new RegExp(`\\b${queued}\\s+mention-email`).test(stdout));
    const bad = await cli('jobs', '--state', 'stuck');
    assert.equal(bad.code, 1);
    assert.equal(bad.stderr.trim(), 'Error: --state must be one of queued, scheduled, running, failed.');
    assert.match((await cli('jobs', '--help')).stdout, /Usage: npm run cli -- jobs/);
  });

  test('`jobs retry <id>` gives a failed job fresh attempts; bad or unknown ids are errors', async () => {
    const bad = await cli('jobs', 'retry', 'abc');
    assert.equal(bad.code, 1);
    assert.equal(bad.stderr.trim(), 'Error: Not a job id: abc');
    const unknown = await cli('jobs', 'retry', '999999');
    assert.equal(unknown.code, 1);
    assert.equal(unknown.stderr.trim(), 'Error: No such job waiting to run: 999999');
    const busy = await cli('jobs', 'retry', running);
    assert.equal(busy.code, 1, 'a running job cannot be retried');
    const none = await cli('jobs', 'retry');
    assert.equal(none.code, 1);

    const ok = await cli('jobs', 'retry', failed);
    assert.equal(ok.code, 0);
    assert.equal(ok.stdout.trim(), `Retrying job(s) ${failed}.`);
    assert.deepEqual(await stateOf(failed), { attempts: 0, max_attempts: 25 });
  });

  test('`jobs retry --failed` retries every failed job', async () => {
    await sql.rows(
      `UPDATE graphile_worker._private_jobs SET attempts = max_attempts WHERE id = ANY($1::bigint[])`,
      [[queued, failed]],
    );
    const { code, stdout } = await cli('jobs', 'retry', '--failed');
    assert.equal(code, 0);
    assert.match(stdout, /Retrying 2 failed job\(s\)/);
    assert.equal((await stateOf(queued))!.attempts, 0);
    assert.equal((await cli('jobs', 'retry', '--failed')).stdout.trim(), 'No failed jobs.');
    assert.equal((await cli('jobs', 'retry', '--failed', queued)).code, 1);
  });
});

describe('housekeeping', () => {
  test('purges expired sessions, e-mail tokens, OAuth codes, rate-limit counters and mutes, and keeps the rest', async () => {
    const app = await appOn(databaseUrl);
    const account = await fixtures(app).account({ username: 'keeper' });
    await sql.rows(
      `INSERT INTO sessions (id, account_id, data, expires_at) VALUES
         ('old', $1, '{}', now() - interval '1 minute'), ('new', $1, '{}', now() + interval '1 day')`,
      [account.id],
    );
    await sql.rows(
      `INSERT INTO account_tokens (id, account_id, purpose, token_hash, email, expires_at) VALUES
         ('oldtokenoldtokenold1', $1, 'password_reset', 'h1', 'k@example.com', now() - interval '1 minute'),
         ('newtokennewtokennew1', $1, 'password_reset', 'h2', 'k@example.com', now() + interval '1 hour')`,
      [account.id],
    );
    const [oauthApp] = await sql.rows<{ id: string }>(
      `INSERT INTO oauth_apps (name, client_id, client_secret_hash, redirect_uris, scopes)
       VALUES ('t', 'cid', 'h', ARRAY['urn:ietf:wg:oauth:2.0:oob'], ARRAY['read']) RETURNING id::text`,
    );
    await sql.rows(
      `INSERT INTO oauth_codes (code_hash, app_id, account_id, scopes, redirect_uri, expires_at) VALUES
         ('c1', $1, $2, ARRAY['read'], 'urn:ietf:wg:oauth:2.0:oob', now() - interval '1 minute'),
         ('c2', $1, $2, ARRAY['read'], 'urn:ietf:wg:oauth:2.0:oob', now() + interval '1 minute')`,
      [oauthApp!.id, account.id],
    );
    await sql.rows(
      `INSERT INTO rate_limits (key, count, reset_at) VALUES
         ('ended', 5, now() - interval '1 minute'), ('current', 5, now() + interval '1 minute')`,
    );
    const muted = await fixtures(app).account({ username: 'muted' });
    const forEver = await fixtures(app).account({ username: 'forever' });
    await sql.rows(
      `INSERT INTO mutes (account_id, target_account_id, expires_at) VALUES
         ($1, $2, now() - interval '1 minute'), ($1, $3, NULL)`,
      [account.id, muted.id, forEver.id],
    );
    const purged = await app.services.housekeeping.purgeExpired();
    assert.deepEqual(purged, {
      sessions: 1,
      tokens: 1,
      oauthCodes: 1,
      rateLimits: 1,
      unattachedMedia: 0,
      mediaFiles: 0,
      mutes: 1,
    });
    assert.deepEqual(
      (await sql.rows(`SELECT target_account_id::text AS id FROM mutes`)).map((r) => r.id),
      [forEver.id],
    );
    assert.deepEqual(
      (await sql.rows(`SELECT key FROM rate_limits`)).map((r) => r.key),
      ['current'],
    );
    assert.deepEqual(
      (await sql.rows(`SELECT id FROM sessions`)).map((r) => r.id),
      ['new'],
    );
    assert.equal(await sql.count(`SELECT count(*) FROM account_tokens`), 1);
  });
});
