// The job queue under faults, with real worker processes and a real SMTP server on loopback:
// a worker killed mid-burst, an SMTP server that refuses or is down, two workers at once, and
// statuses posted through the web process while no worker runs.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ParsedMail } from 'mailparser';
import { testDatabase } from '../../../test/support/database.ts';
import { startWeb, startWorker } from '../../../test/support/processes.ts';
import { waitFor } from '../../../test/support/wait.ts';
import { startSmtp } from '../../../test/support/smtp.ts';
import { fixtures, loggedIn } from '../../../test/support/fixtures.ts';
import { sqlClient } from '../../../test/support/sql.ts';
import { queuedJobs } from './support.ts';

const url = await testDatabase();
const sql = sqlClient(url);
const smtp = await startSmtp();
const f = fixtures(url);
const author = await f.account({ username: 'author' });

/** Makes n confirmed recipients named prefix0..prefixN-1. */
async function recipients(prefix: string, n: number): Promise<string[]> {
  const names = Array.from({ length: n }, (_, i) => `${prefix}${i}`);
  for (const username of names) await f.account({ username });
  return names;
}

/** Posts `statuses` statuses that each mention every one of `names`; returns the expected Message-IDs. */
async function postMentions(names: string[], statuses: number): Promise<Set<string>> {
  const expected = new Set<string>();
  for (let i = 0; i < statuses; i++) {
    const status = await f.status(author, `Burst ${i}: ${names.map((n) => `@${n}`).join(' ')}`);
    for (const m of status.mentions) expected.add(`<mention.${status.id}.${m.accountId}@127.0.0.1>`);
  }
  return expected;
}

const ofSet = (expected: Set<string>) => (m: ParsedMail) => expected.has(m.messageId ?? '');
const distinct = (mails: ParsedMail[]) => new Set(mails.map((m) => m.messageId)).size;
const queueDrained = () => waitFor(async () => (await queuedJobs(sql)) === 0, 'the queue to drain');

/** Waits until `n` jobs have failed at least once (the SMTP server refused or was down). */
const everyJobFailedOnce = (n: number) =>
  waitFor(
    async () =>
      (await sql.count(
        `SELECT count(*) FROM graphile_worker.jobs WHERE last_error IS NOT NULL AND attempts >= 1`,
      )) === n,
    'every job to fail once',
  );

/** Once the SMTP server is back: the `n` expected e-mails arrive, the queue drains, and none came twice. */
async function deliveredOnceBack(expected: Set<string>, n: number): Promise<void> {
  await waitFor(
    () => smtp.messages.filter(ofSet(expected)).length === n,
    'the e-mails after the server is back',
  );
  await queueDrained();
  assert.equal(smtp.messages.filter(ofSet(expected)).length, n);
}

describe('faults', () => {
  test('a worker killed with SIGKILL mid-burst of 500 mentions: after a restart every e-mail arrives, once', async (t) => {
    const names = await recipients('burst', 20);
    const expected = await postMentions(names, 25);
    assert.equal(expected.size, 500);
    smtp.delayMs = 20; // slow enough (5 connections: 250 e-mails/s at most) that the kill lands mid-burst
    const first = startWorker(url, { SMTP_URL: smtp.url });
    await waitFor(() => smtp.messages.filter(ofSet(expected)).length >= 100, 'the first 100 e-mails');
    await first.stop('SIGKILL');
    const atKill = smtp.messages.filter(ofSet(expected)).length;
    assert.ok(atKill < 500, `the kill should land mid-burst (had ${atKill})`);
    smtp.delayMs = 0;
    const second = startWorker(url, { SMTP_URL: smtp.url });
    await waitFor(() => distinct(smtp.messages.filter(ofSet(expected))) === 500, 'all 500 e-mails');
    await queueDrained();
    const got = smtp.messages.filter(ofSet(expected));
    // docs/product.md §6: only a message accepted just before the kill may come twice (same Message-ID).
    const resent = got.length - distinct(got);
    assert.ok(resent <= 10, `at most the jobs in flight may be resent, got ${resent}`);
    t.diagnostic(`${atKill} e-mails before the kill; ${resent} resent with the same Message-ID`);
    for (const id of expected)
      assert.ok(
        got.some((m) => m.messageId === id),
        `missing ${id}`,
      );
    await second.stop();
  });

  test('SMTP refusing (451) for a while, then back: every e-mail arrives once', async () => {
    const names = await recipients('refused', 10);
    smtp.refuse = true;
    const worker = startWorker(url, { SMTP_URL: smtp.url });
    const expected = await postMentions(names, 2);
    await everyJobFailedOnce(20);
    assert.equal(smtp.messages.filter(ofSet(expected)).length, 0);
    smtp.refuse = false;
    await deliveredOnceBack(expected, 20);
    await worker.stop();
  });

  test('SMTP server down for a while, then back: every e-mail arrives once', async () => {
    const names = await recipients('down', 10);
    await smtp.stop();
    const worker = startWorker(url, { SMTP_URL: smtp.url });
    const expected = await postMentions(names, 2);
    await everyJobFailedOnce(20);
    const [job] = await sql.rows<{ last_error: string }>(
      `SELECT last_error FROM graphile_worker.jobs LIMIT 1`,
    );
    assert.match(job!.last_error, /ECONNREFUSED/);
    await smtp.start();
    await deliveredOnceBack(expected, 20);
    await worker.stop();
  });

  test('SIGTERM mid-burst: the worker finishes the jobs in hand and exits; the next one sends the rest, none twice', async () => {
    const names = await recipients('graceful', 10);
    const expected = await postMentions(names, 10);
    smtp.delayMs = 20;
    const first = startWorker(url, { SMTP_URL: smtp.url });
    await waitFor(() => smtp.messages.filter(ofSet(expected)).length >= 20, 'the first 20 e-mails');
    await first.stop('SIGTERM');
    assert.equal(first.child.exitCode, 0);
    assert.equal(await sql.count(`SELECT count(*) FROM graphile_worker.jobs WHERE locked_at IS NOT NULL`), 0);
    smtp.delayMs = 0;
    const second = startWorker(url, { SMTP_URL: smtp.url });
    await waitFor(() => smtp.messages.filter(ofSet(expected)).length >= 100, 'the 100 e-mails');
    await queueDrained();
    const got = smtp.messages.filter(ofSet(expected));
    assert.equal(got.length, 100);
    assert.equal(distinct(got), 100);
    await second.stop();
  });

  test('a worker whose liveness connection is cut reconnects it under the same name and carries on', async () => {
    const [reader] = await recipients('alive', 1);
    const worker = startWorker(url, { SMTP_URL: smtp.url });
    const live = () =>
      sql.rows<{ pid: number; application_name: string }>(
        `SELECT pid, application_name FROM pg_stat_activity WHERE application_name LIKE 'microposts-worker:%'`,
      );
    const [connection] = await waitFor(
      async () => ((await live()).length === 1 ? live() : null),
      'the liveness connection',
    );
    await sql.rows(`SELECT pg_terminate_backend($1)`, [connection!.pid]);
    const [again] = await waitFor(async () => {
      const rows = await live();
      return rows.length === 1 && rows[0]!.pid !== connection!.pid ? rows : null;
    }, 'a new liveness connection');
    // The same name: other workers' sweeps still see this pool alive and leave its jobs alone.
    assert.equal(again!.application_name, connection!.application_name);
    assert.equal(worker.child.exitCode, null, 'the worker keeps running');
    assert.match(worker.output(), /lost its liveness connection/);
    const expected = await postMentions([reader!], 1);
    await waitFor(
      () => smtp.messages.filter(ofSet(expected)).length === 1,
      'the e-mail after the reconnection',
    );
    await worker.stop();
    assert.equal(worker.child.exitCode, 0);
  });

  test('two workers: each e-mail is sent once', async () => {
    const names = await recipients('pair', 10);
    const workers = [startWorker(url, { SMTP_URL: smtp.url }), startWorker(url, { SMTP_URL: smtp.url })];
    const expected = await postMentions(names, 20);
    await waitFor(() => smtp.messages.filter(ofSet(expected)).length >= 200, 'the 200 e-mails');
    await queueDrained();
    const got = smtp.messages.filter(ofSet(expected));
    assert.equal(got.length, 200);
    assert.equal(distinct(got), 200);
    await Promise.all(workers.map((w) => w.stop()));
  });

  test('web running, no worker: statuses posted on the website send their e-mails once a worker starts', async () => {
    const [reader] = await recipients('reader', 1);
    const web = await startWeb(url, { SMTP_URL: smtp.url });
    const site = await loggedIn(web.url, await f.account({ username: 'poster' }));
    for (let i = 0; i < 3; i++) {
      await site.get('/');
      const page = await site.post('/statuses', { text: `Post ${i} for @${reader}` });
      assert.equal(page.status, 303);
    }
    assert.equal(await queuedJobs(sql, 'mention-email'), 3);
    assert.equal(smtp.to(`${reader}@example.com`).length, 0);
    const worker = startWorker(url, { SMTP_URL: smtp.url });
    await waitFor(() => smtp.to(`${reader}@example.com`).length === 3, 'the three e-mails');
    const links = smtp.to(`${reader}@example.com`).map((m) => /\/@poster\/\d+/.exec(m.text ?? '')?.[0]);
    assert.equal(new Set(links).size, 3);
    await worker.stop();
    await web.stop();
  });
});
