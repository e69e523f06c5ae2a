// `npm start` keeps going: WEB_PROCESSES web processes share PORT, a web process or the worker killed
// under load is started again, and PostgreSQL stopped for 10 s and started again is ridden out by
// all of them (no restarts, pages 503 meanwhile, e-mails sent afterwards). Ctrl-C still stops it all.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { freePort, startEmbeddedPostgres } from '@microposts/db';
import { appOn } from './support/app.ts';
import { fixtures } from './support/fixtures.ts';
import { waitFor } from './support/wait.ts';
import { holdPort } from './support/hold-port.ts';
import { startSmtp } from './support/smtp.ts';

const root = path.resolve(import.meta.dirname, '..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'microposts-resilience-'));
chmodSync(dataDir, 0o755);
after(() => rmSync(dataDir, { recursive: true, force: true }));
const linux = process.platform === 'linux';

/** True when process `pid` holds a socket listening on TCP `port` (from /proc). */
function listensOn(pid: number, port: number): boolean {
  const hex = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const listening = new Set(
    readFileSync('/proc/net/tcp', 'utf8')
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter((f) => f[1]?.endsWith(hex) && f[3] === '0A')
      .map((f) => `socket:[${f[9]}]`),
  );
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return listening.has(readlinkSync(`/proc/${pid}/fd/${fd}`));
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

/** GETs `url` from `workers` loops until stopped; counts answers by status (0: the request failed). */
function load(url: string, workers = 4) {
  const counts = new Map<number, number>();
  let running = true;
  const loops = Array.from({ length: workers }, async () => {
    while (running) {
      let status = 0;
      try {
        const response = await fetch(url);
        await response.arrayBuffer();
        status = response.status;
      } catch {
        // connection reset by the killed process
      }
      counts.set(status, (counts.get(status) ?? 0) + 1);
    }
  });
  return {
    counts,
    async stop() {
      running = false;
      await Promise.all(loops);
      return counts;
    },
  };
}

test(
  'npm start: processes killed under load come back; a 10 s PostgreSQL stop is ridden out',
  { skip: !linux && 'SO_REUSEPORT spreading needs Linux' },
  async (t) => {
    const port = await freePort();
    const smtp = await startSmtp();
    const child = spawn(process.execPath, [path.join(root, 'scripts/start.ts')], {
      env: {
        PATH: process.env.PATH,
        DATA_DIR: dataDir,
        PORT: String(port),
        LOG_LEVEL: 'warn',
        MENTION_EMAIL_DELAY: '0',
        SMTP_URL: smtp.url,
        WEB_PROCESSES: '2',
        RATE_LIMIT_API: '1000000',
        RATE_LIMIT_AUTH: '1000000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    after(async () => {
      if (child.exitCode === null) {
        child.kill('SIGINT');
        await exited;
      }
    });
    const line = await waitFor(() => {
      if (child.exitCode !== null) throw new Error(`npm start exited:\n${output}`);
      return /Processes: (.*)\./.exec(output)?.[1];
    }, 'npm start to list its processes');
    const pids = Object.fromEntries(
      [...line.matchAll(/([\w ]+?) \(pid (\d+)\)/g)].map((m) => [m[1]!.replace(/^,? */, ''), Number(m[2])]),
    );
    assert.deepEqual(Object.keys(pids), ['web 1', 'web 2', 'worker']);
    await waitFor(
      () => listensOn(pids['web 1']!, port) && listensOn(pids['web 2']!, port),
      'both web processes to listen on PORT',
    );
    const base = `http://127.0.0.1:${port}`;
    const pgDir = path.join(dataDir, 'pg');
    const databaseUrl = `postgres://postgres:microposts-local@127.0.0.1:${readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[3]}/microposts`;
    const app = await appOn(databaseUrl);
    const { author } = await fixtures(app).accounts(['author', 'reader']);
    /** Posts a status mentioning @reader and waits for its e-mail. */
    const mentionArrives = async (text: string) => {
      const status = await app.services.statuses.create({ actorId: author!, text: `@reader ${text}` });
      const id = `<mention.${status.id}.${status.mentions[0]!.accountId}@localhost>`;
      await waitFor(() => smtp.messages.some((m) => m.messageId === id), `the e-mail of "${text}"`);
    };

    // A web process killed under load: the supervisor starts it again, and it serves again.
    const traffic = load(`${base}/`);
    await waitFor(() => (traffic.counts.get(200) ?? 0) > 50, 'some traffic');
    process.kill(pids['web 1']!, 'SIGKILL');
    const webAgain = Number(
      (
        await waitFor(
          () => /Started the web 1 process again \(pid (\d+)\)/.exec(output),
          'web 1 to be started again',
        )
      )[1],
    );
    assert.match(output, /The web 1 process was killed \(SIGKILL\); starting it again in 1 s\./);
    await waitFor(() => listensOn(webAgain, port), 'the new web 1 to listen');
    const during = new Map(await traffic.stop());
    const afterKill = load(`${base}/`);
    await waitFor(() => (afterKill.counts.get(200) ?? 0) > 100, 'traffic after the restart');
    const settled = await afterKill.stop();
    assert.deepEqual([...settled.keys()], [200], 'every request succeeds once web 1 is back');
    t.diagnostic(`around the kill: ${[...during].map(([s, n]) => `${s || 'failed'} ×${n}`).join(', ')}`);

    // The worker killed: started again, and e-mails still go out.
    process.kill(pids.worker!, 'SIGKILL');
    await waitFor(
      () => /Started the worker process again \(pid (\d+)\)/.exec(output),
      'the worker to be started again',
    );
    const workerAgain = Number(/Started the worker process again \(pid (\d+)\)/.exec(output)![1]);
    await mentionArrives('after the worker was killed');

    // PostgreSQL stopped for 10 s (as `pg_ctl stop -m fast` does) and started again.
    const postmaster = Number(readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    assert.ok(postmaster > 0, 'the postmaster pid');
    const restartsBefore = (output.match(/starting it again/g) ?? []).length;
    process.kill(postmaster, 'SIGINT');
    const pgPort = Number(new URL(databaseUrl).port);
    const held = await holdPort(pgPort); // see test/support/hold-port.ts
    await waitFor(() => output.includes('PostgreSQL was stopped.'), 'npm start to notice');
    const outage = new Map<number, number>();
    for (const stoppedAt = Date.now(); Date.now() - stoppedAt < 10_000;) {
      for (const target of ['/', '/api/v1/timelines/public', '/readyz']) {
        const response = await fetch(`${base}${target}`);
        await response.arrayBuffer();
        outage.set(response.status, (outage.get(response.status) ?? 0) + 1);
      }
      await new Promise((resolve) => setTimeout(resolve, 100)); // a trickle of visitors
    }
    assert.deepEqual([...outage.keys()], [503], 'pages, API and /readyz answer 503 while PostgreSQL is down');
    await held.release();
    await startEmbeddedPostgres(pgDir, { port: pgPort });
    await waitFor(async () => (await fetch(`${base}/readyz`)).status === 200, '/readyz to be ready again');
    assert.equal((await fetch(`${base}/`)).status, 200);
    assert.equal(
      (output.match(/starting it again/g) ?? []).length,
      restartsBefore,
      'no process was restarted',
    );
    assert.ok(existsSync(`/proc/${workerAgain}`), 'the same worker rode it out');
    await mentionArrives('after PostgreSQL came back');

    // Ctrl-C: everything stops, PostgreSQL (started by someone else since) included.
    child.kill('SIGINT');
    assert.equal(await exited, 0);
    assert.equal(existsSync(path.join(pgDir, 'postmaster.pid')), false, 'PostgreSQL was stopped too');
  },
);
