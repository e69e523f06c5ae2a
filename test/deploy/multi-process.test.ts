// The production shape, for real: Debian's nginx with deploy/nginx.conf in front of two web processes,
// two workers, one PostgreSQL. People log in through nginx and use the site across both processes;
// one web process is stopped (SIGTERM) under a bounded load and no request fails; one worker is
// killed (SIGKILL) during a burst of 500 mention e-mails and every e-mail still arrives once
// (a duplicate only for a message in flight, with the same Message-ID); PostgreSQL is stopped for 10 s
// and started again: /readyz goes unready and back, and nothing is lost.
// Rate limits are per process today and lifted here (RATE_LIMIT_*), as this is not a test of them.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import type { ParsedMail } from 'mailparser';
import { spawn } from 'node:child_process';
import { connect, freePort, migrate, startEmbeddedPostgres } from '@microposts/db';
import { fixtures } from '../support/fixtures.ts';
import { sqlClient } from '../support/sql.ts';
import { waitFor } from '../support/wait.ts';
import { holdPort } from '../support/hold-port.ts';
import { NO_NGINX, startNginx } from '../support/nginx.ts';
import type { RunningProcess } from '../support/processes.ts';
import { TEST_SECRET_KEY } from '../support/secret.ts';
import { SiteClient } from '../support/site-client.ts';
import { startSmtp } from '../support/smtp.ts';

const skip = NO_NGINX;
const PUBLIC_HOST = 'microposts.example';

interface Tally {
  sent: number;
  failed: number;
  failures: string[];
}
const tally = (): Tally => ({ sent: 0, failed: 0, failures: [] });

const root = path.resolve(import.meta.dirname, '..', '..');
// Processes started in a test (restarts, as systemd would do them) must outlive it: they are stopped
// when the file ends, by this hook registered at the top level.
const running: RunningProcess[] = [];
after(() => Promise.all(running.map((p) => p.stop())));

/** Starts `node <entry>` with the environment; stopped when the file ends. */
function launch(entry: string, env: Record<string, string>): RunningProcess {
  const child = spawn(process.execPath, [path.join(root, entry)], {
    env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const proc: RunningProcess = {
    child,
    output: () => out,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
  running.push(proc);
  return proc;
}

// Everything is set up at the top level, so the after() hooks run when the file ends.
let setUp: Awaited<ReturnType<typeof setUpAll>> | null = null;
if (!skip) setUp = await setUpAll();

async function setUpAll() {
  // nginx's certificate is a throw-away self-signed one: this process talks only to its own servers.
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
  const dir = mkdtempSync(path.join(tmpdir(), 'microposts-multi-'));
  chmodSync(dir, 0o755);
  const pgDir = path.join(dir, 'pg');
  const pgPort = await freePort();
  const database = { server: await startEmbeddedPostgres(pgDir, { port: pgPort, database: 'multi' }) };
  after(async () => {
    await database.server.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const url = database.server.url;
  const db = connect(url, { max: 1 });
  await migrate(db);
  await db.destroy();

  const smtp = await startSmtp();
  const env = {
    DATABASE_URL: url,
    PUBLIC_URL: `https://${PUBLIC_HOST}`,
    SECRET_KEY: TEST_SECRET_KEY,
    SMTP_URL: smtp.url,
    MENTION_EMAIL_DELAY: '0',
    RATE_LIMIT_AUTH: '1000000',
    RATE_LIMIT_POSTS: '1000000',
    RATE_LIMIT_API: '1000000',
    DATA_DIR: dir,
    // As the systemd unit: nginx on this host is believed (X-Forwarded-Proto https: Secure cookies).
    TRUST_PROXY: 'loopback',
  };
  const webPorts = [await freePort(), await freePort()];
  const webs: RunningProcess[] = [];
  const startWebOn = async (i: number) => {
    const proc = launch('apps/web/src/main.ts', { ...env, PORT: String(webPorts[i]) });
    webs[i] = proc;
    await waitFor(
      async () => {
        if (proc.child.exitCode !== null) throw new Error(`web process exited:\n${proc.output()}`);
        return (await fetch(`http://127.0.0.1:${webPorts[i]}/readyz`)).ok;
      },
      `web process ${i + 1} to be ready`,
    );
  };
  await Promise.all([startWebOn(0), startWebOn(1)]);
  const startWorker = () => launch('apps/worker/src/main.ts', env);
  const workers = [startWorker(), startWorker()];
  const nginx = await startNginx(webPorts);
  await waitFor(async () => (await fetch(`${nginx.base}/readyz`)).ok, 'nginx to proxy');
  return {
    database,
    pgDir,
    pgPort,
    smtp,
    webPorts,
    webs,
    startWebOn,
    workers,
    startWorker,
    nginx,
    sql: sqlClient(url),
  };
}

/** Requests served by one web process so far, from its own /metrics (scraped directly, not via nginx). */
async function served(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return [...text.matchAll(/^http_request_duration_seconds_count\{[^}]*\} (\d+)/gm)].reduce(
    (n, m) => n + Number(m[1]),
    0,
  );
}

/** A person with an account and a confirmed address, logged in through nginx. */
async function person(base: string, username: string): Promise<SiteClient> {
  const signup = new SiteClient(base);
  await signup.signup(username);
  await setUp!.sql.rows(`UPDATE accounts SET email_confirmed_at = now() WHERE username = $1`, [username]);
  return login(base, username);
}

async function login(base: string, username: string): Promise<SiteClient> {
  const client = new SiteClient(base);
  const page = await client.login(username);
  assert.equal(page.status, 303, `${username} logs in`);
  return client;
}

/** Posts through the website as the browser does (the compose form's token, then the form). */
async function post(client: SiteClient, text: string): Promise<number> {
  await client.get('/');
  return (await client.post('/statuses', { text })).status;
}

const distinct = (mails: ParsedMail[]) => new Set(mails.map((m) => m.messageId)).size;

/** The Message-IDs of the mention e-mails of alice's statuses whose text starts with `prefix`. */
async function expectedMentions(prefix: string): Promise<Set<string>> {
  const rows = await setUp!.sql.rows<{ status_id: string; account_id: string }>(
    `SELECT m.status_id::text, m.account_id::text FROM mentions m JOIN statuses s ON s.id = m.status_id
     WHERE s.text LIKE $1`,
    [`${prefix}%`],
  );
  return new Set(rows.map((r) => `<mention.${r.status_id}.${r.account_id}@${PUBLIC_HOST}>`));
}

/** Waits until every expected e-mail arrived and the queue is empty; returns received and duplicated. */
async function deliveredOnce(expected: Set<string>, what: string) {
  const { smtp, sql } = setUp!;
  const got = () => smtp.messages.filter((m) => expected.has(m.messageId ?? ''));
  await waitFor(() => distinct(got()) === expected.size, what);
  await waitFor(
    async () => (await sql.count(`SELECT count(*) FROM graphile_worker.jobs`)) === 0,
    'the queue to drain',
  );
  return { expected: expected.size, received: got().length, duplicated: got().length - distinct(got()) };
}

test('log in through nginx and use the site across both web processes', { skip }, async (t) => {
  const { nginx, webPorts } = setUp!;
  const before = await Promise.all(webPorts.map(served));
  const alice = await person(nginx.base, 'alice');
  for (let i = 0; i < 6; i++) {
    assert.equal(await post(alice, `Hello ${i} from behind nginx`), 303);
    const home = await alice.get('/');
    assert.equal(home.status, 200);
    assert.match(
      home.html,
      new RegExp(`Hello ${i} from behind nginx`),
      'the session holds on either process',
    );
    assert.equal((await alice.get('/@alice')).status, 200);
  }
  const after = await Promise.all(webPorts.map(served));
  t.diagnostic(`requests served: web 1 ${after[0]! - before[0]!}, web 2 ${after[1]! - before[1]!}`);
  assert.ok(after[0]! > before[0]! && after[1]! > before[1]!, 'both web processes served this person');
});

test('one web process stopped (SIGTERM) under a bounded load: no request fails', { skip }, async (t) => {
  const { nginx, webs, startWebOn } = setUp!;
  const load = tally();
  const record = (what: string, ok: boolean) => {
    load.sent++;
    if (!ok) {
      load.failed++;
      load.failures.push(what);
    }
  };
  let running = true;
  const readers = Array.from({ length: 6 }, async (_, i) => {
    while (running) {
      const target = ['/', '/@alice'][i % 2]!;
      try {
        const response = await fetch(`${nginx.base}${target}`);
        await response.arrayBuffer();
        record(`GET ${target} ${response.status}`, response.status === 200);
      } catch (error) {
        record(`GET ${target} ${(error as Error).message}`, false);
      }
    }
  });
  const writers = await Promise.all(['alice', 'alice'].map((name) => login(nginx.base, name)));
  const posting = writers.map(async (client, i) => {
    for (let n = 0; running; n++) {
      try {
        const status = await post(client, `Under load ${i}.${n}`);
        record(`POST /statuses ${status}`, status === 303);
      } catch (error) {
        record(`POST /statuses ${(error as Error).message}`, false);
      }
    }
  });
  await waitFor(() => load.sent >= 200, 'the load to get going');
  const stopped = webs[0]!;
  stopped.child.kill('SIGTERM');
  await waitFor(() => stopped.child.exitCode !== null, 'web 1 to drain and exit');
  assert.equal(stopped.child.exitCode, 0);
  const atExit = load.sent;
  await waitFor(() => load.sent >= atExit + 200, 'the load to go on');
  running = false;
  await Promise.all([...readers, ...posting]);
  t.diagnostic(`bounded load: ${load.sent} requests sent, ${load.failed} failed`);
  await startWebOn(0); // as systemd would
  assert.deepEqual(load.failures, [], 'no request failed');
});

test(
  'one worker killed (SIGKILL) during a burst of 500 mention e-mails: each arrives once',
  { skip },
  async (t) => {
    const { nginx, smtp, workers, startWorker } = setUp!;
    const names = Array.from({ length: 20 }, (_, i) => `burst${i}`);
    await fixtures(setUp!.database.server.url).accounts(names);
    const alice = await login(nginx.base, 'alice');
    smtp.delayMs = 100; // slow enough (two workers, ten jobs each: 200 e-mails/s) that the kill lands mid-burst
    for (let i = 0; i < 25; i++)
      assert.equal(await post(alice, `Burst ${i}: ${names.map((n) => `@${n}`).join(' ')}`), 303);
    const expected = await expectedMentions('Burst ');
    assert.equal(expected.size, 500);
    await waitFor(
      () => smtp.messages.filter((m) => expected.has(m.messageId ?? '')).length >= 100,
      'the first 100 e-mails',
    );
    await workers[0]!.stop('SIGKILL');
    const atKill = smtp.messages.filter((m) => expected.has(m.messageId ?? '')).length;
    assert.ok(atKill < 500, `the kill lands mid-burst (${atKill} sent)`);
    workers[0] = startWorker(); // as systemd would
    const result = await deliveredOnce(expected, 'all 500 e-mails');
    smtp.delayMs = 0;
    t.diagnostic(
      `mention burst: ${result.expected} e-mails expected, ${result.received} received, ${result.duplicated} duplicated (${atKill} sent before the kill)`,
    );
    // A duplicate is only possible for a message the killed worker had in hand (WORKER_CONCURRENCY 10).
    assert.ok(result.duplicated <= 10, `at most the jobs in flight come twice, got ${result.duplicated}`);
  },
);

test(
  'PostgreSQL stopped for 10 s and started: /readyz goes unready and back, nothing lost',
  { skip },
  async (t) => {
    const { nginx, smtp, sql, database, pgDir, pgPort, webs, workers, webPorts } = setUp!;
    const names = Array.from({ length: 5 }, (_, i) => `outage${i}`);
    await fixtures(setUp!.database.server.url).accounts(names);
    const alice = await login(nginx.base, 'alice');
    smtp.delayMs = 200; // e-mails still queued and in flight when the database goes
    for (let i = 0; i < 10; i++)
      assert.equal(await post(alice, `Outage ${i}: ${names.map((n) => `@${n}`).join(' ')}`), 303);
    const expected = await expectedMentions('Outage ');
    assert.equal(expected.size, 50);
    const statuses = await sql.count(`SELECT count(*) FROM statuses`);
    await waitFor(
      () => smtp.messages.some((m) => expected.has(m.messageId ?? '')),
      'the first of those e-mails',
    );

    await database.server.stop();
    const held = await holdPort(pgPort); // see test/support/hold-port.ts
    const seen = new Map<string, number>();
    const count = (key: string) => seen.set(key, (seen.get(key) ?? 0) + 1);
    for (const stoppedAt = Date.now(); Date.now() - stoppedAt < 10_000;) {
      const ready = await fetch(`${nginx.base}/readyz`);
      count(`/readyz ${ready.status} ${(await ready.json()).status}`);
      const page = await fetch(`${nginx.base}/`, { headers: { cookie: alice.cookieHeader() } });
      count(`page ${page.status}${page.headers.get('retry-after') ? ' with Retry-After' : ''}`);
      await page.arrayBuffer();
      await new Promise((resolve) => setTimeout(resolve, 200)); // a trickle of visitors and probes
    }
    t.diagnostic(`during the outage: ${[...seen].map(([k, n]) => `${k} ×${n}`).join(', ')}`);
    assert.deepEqual([...seen.keys()].sort(), ['/readyz 503 unavailable', 'page 503 with Retry-After']);

    await held.release();
    database.server = await startEmbeddedPostgres(pgDir, { port: pgPort, database: 'multi' });
    await waitFor(
      async () => (await fetch(`${nginx.base}/readyz`)).ok,
      '/readyz through nginx to be ready again',
    );
    for (const port of webPorts)
      await waitFor(
        async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).ok,
        `the process on ${port} to be ready`,
      );
    smtp.delayMs = 0;
    const result = await deliveredOnce(expected, 'the e-mails queued before the outage');
    t.diagnostic(
      `database restart: ${result.expected} e-mails expected, ${result.received} received, ${result.duplicated} duplicated`,
    );
    assert.ok(result.duplicated <= 20, `at most the jobs in flight come twice, got ${result.duplicated}`);
    assert.equal(await sql.count(`SELECT count(*) FROM statuses`), statuses, 'no status lost');
    for (const proc of [...webs, ...workers])
      assert.equal(proc.child.exitCode, null, `every process rode it out:\n${proc.output()}`);
    assert.equal(await post(alice, 'After the restart @outage0'), 303);
    const after = await expectedMentions('After the restart');
    assert.equal((await deliveredOnce(after, 'the e-mail of a post after the restart')).received, 1);
  },
);
