// A PostgreSQL restart is not an outage: with PostgreSQL stopped for 10 s, pages answer a friendly 503
// and the API 503 {"error"}, both with Retry-After (never a 500); /readyz fails while /livez holds;
// the web process and the worker keep running, and once PostgreSQL is back everything works again,
// including the mention e-mail whose job was running when the database went away.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { connect, freePort, migrate, startEmbeddedPostgres, type EmbeddedServer } from '@microposts/db';
import { appOn } from './support/app.ts';
import { fixtures } from './support/fixtures.ts';
import { sqlClient } from './support/sql.ts';
import { waitFor } from './support/wait.ts';
import { holdPort } from './support/hold-port.ts';
import { createTestToken } from './support/oauth.ts';
import { startWeb, startWorker } from './support/processes.ts';
import { SiteClient } from './support/site-client.ts';
import { startSmtp } from './support/smtp.ts';

const OUTAGE_MS = 10_000;

// A server of this file's own, since it is stopped and started again.
const dir = mkdtempSync(path.join(tmpdir(), 'microposts-restart-'));
chmodSync(dir, 0o755);
const pgDir = path.join(dir, 'pg');
const port = await freePort();
let server: EmbeddedServer = await startEmbeddedPostgres(pgDir, { port, database: 'restart' });
after(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});
const url = server.url;
const db = connect(url, { max: 1 });
await migrate(db);
await db.destroy();

const smtp = await startSmtp();
const sql = sqlClient(url);
const app = await appOn(url);
const { carol } = await fixtures(app).accounts(['carol', 'dave']);

test('PostgreSQL stopped for 10 s and started again: 503s meanwhile, then everything works', async (t) => {
  const web = await startWeb(url, { SMTP_URL: smtp.url, RATE_LIMIT_API: '1000000' });
  const worker = startWorker(url, { SMTP_URL: smtp.url });
  const site = new SiteClient(web.url);
  await site.signup('alice');
  const token = await createTestToken(app, {
    accountId: (await app.services.accounts.getByUsername('alice')).id,
  });
  await waitFor(
    async () =>
      (await sql.count(
        `SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'microposts-worker:%'`,
      )) === 1,
    'the worker to start',
  );

  // A mention whose e-mail is being sent (the SMTP server is slow) when the database goes away.
  smtp.delayMs = 3000;
  const inFlight = await app.services.statuses.create({
    actorId: carol!,
    text: 'Hello @dave, before the restart',
  });
  await waitFor(
    async () =>
      (await sql.count(
        `SELECT count(*) FROM graphile_worker.jobs WHERE locked_at IS NOT NULL AND task_identifier = 'mention-email'`,
      )) === 1,
    'the mention e-mail job to be running',
  );
  await server.stop();
  const held = await holdPort(port); // see test/support/hold-port.ts

  // Meanwhile: every kind of request answers 503 with Retry-After, none 500, for the whole outage.
  const seen = new Map<string, number>();
  const check = async (what: string, response: Response, body: (text: string) => void) => {
    seen.set(`${what} ${response.status}`, (seen.get(`${what} ${response.status}`) ?? 0) + 1);
    assert.equal(response.status, 503, `${what} answers 503`);
    assert.equal(response.headers.get('retry-after'), '5', `${what} says when to retry`);
    body(await response.text());
  };
  const page = (html: string) => {
    assert.match(html, /<h1>Back in a moment<\/h1>/);
    assert.match(html, /briefly unavailable/);
  };
  const json = (text: string) => assert.deepEqual(JSON.parse(text), { error: 'Service unavailable' });
  const stoppedAt = Date.now();
  while (Date.now() - stoppedAt < OUTAGE_MS) {
    await check('anonymous page', await fetch(`${web.url}/`), page);
    await check(
      'logged-in page',
      await fetch(`${web.url}/`, { headers: { cookie: site.cookieHeader() } }),
      page,
    );
    await check(
      'form post',
      await fetch(`${web.url}/statuses`, {
        method: 'POST',
        headers: { cookie: site.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
        body: 'text=during',
      }),
      page,
    );
    await check('public API', await fetch(`${web.url}/api/v1/timelines/public`), json);
    await check(
      'API with a token',
      await fetch(`${web.url}/api/v1/accounts/verify_credentials`, { headers: token.headers }),
      json,
    );
    await check('/readyz', await fetch(`${web.url}/readyz`), (text) =>
      assert.deepEqual(JSON.parse(text), { status: 'unavailable', reason: 'the database is unreachable' }),
    );
    assert.equal((await fetch(`${web.url}/livez`)).status, 200, '/livez: the process itself is fine');
    assert.equal(web.child.exitCode, null, 'the web process keeps running');
    assert.equal(worker.child.exitCode, null, `the worker keeps running:\n${worker.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50)); // a steady trickle of visitors, not a flood
  }
  t.diagnostic(`during the outage: ${[...seen].map(([k, n]) => `${k} ×${n}`).join(', ')}`);

  await held.release();
  server = await startEmbeddedPostgres(pgDir, { port, database: 'restart' });
  assert.equal(server.url, url, 'PostgreSQL is back on the same port');
  smtp.delayMs = 0;
  await waitFor(async () => (await fetch(`${web.url}/readyz`)).status === 200, '/readyz to be ready again');
  // The same session still works, and so do writes.
  assert.equal((await site.get('/')).status, 200);
  assert.equal((await site.post('/statuses', { text: 'after the restart' })).status, 303);
  const api = await fetch(`${web.url}/api/v1/accounts/verify_credentials`, { headers: token.headers });
  assert.equal(api.status, 200);

  // The worker carried on: the e-mail in flight arrives (twice at most, with one Message-ID), and a
  // mention posted now is sent too.
  const later = await app.services.statuses.create({
    actorId: carol!,
    text: 'Hello @dave, after the restart',
  });
  const ids = [inFlight, later].map((s) => `<mention.${s.id}.${s.mentions[0]!.accountId}@127.0.0.1>`);
  await waitFor(
    () => ids.every((id) => smtp.messages.some((m) => m.messageId === id)),
    'both mention e-mails',
  );
  assert.equal(worker.child.exitCode, null, 'the same worker process sent them');
  assert.ok(smtp.messages.filter((m) => m.messageId === ids[1]).length === 1);
  assert.match(worker.output(), /lost its liveness connection/);
  await web.stop();
  await worker.stop();
  assert.equal(worker.child.exitCode, 0);
});
