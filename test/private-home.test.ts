// As root in a private home folder (/root is mode 700, as in most containers), `npm start` and
// `npm test` work: PostgreSQL runs as the "postgres" user, which cannot enter the folder, so its
// programs and data are kept where it can reach them, and the start-up output says where.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, lstatSync, mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { freePort } from '@microposts/db';
import { waitFor } from './support/wait.ts';

const root = path.resolve(import.meta.dirname, '..');
const skip =
  userInfo().uid === 0 ? false : 'not root: PostgreSQL runs as this user, who can reach the checkout';

/** A copy of this checkout (hard links: instant) in a folder only root may enter. */
function privateCheckout(): string {
  const home = mkdtempSync(path.join(tmpdir(), 'microposts-home-'));
  chmodSync(home, 0o700);
  const copy = path.join(home, 'microposts');
  execFileSync('mkdir', [copy]);
  const entries = readdirSync(root).filter((e) => e !== 'var');
  execFileSync('cp', ['-al', ...entries.map((e) => path.join(root, e)), copy]);
  after(() => rmSync(home, { recursive: true, force: true }));
  return copy;
}

function run(cwd: string, args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, args, {
    cwd,
    env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  after(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT');
      await exited;
    }
  });
  return { child, exited, output: () => output };
}

test('npm start as root from a private folder', { skip }, async () => {
  const checkout = privateCheckout();
  const port = await freePort();
  const start = run(checkout, ['scripts/start.ts'], {
    PORT: String(port),
    WEB_PROCESSES: '1',
    SMTP_URL: 'smtp://127.0.0.1:9',
  });
  await waitFor(() => {
    if (start.child.exitCode !== null) throw new Error(`npm start exited:\n${start.output()}`);
    return start.output().includes('microposts is running');
  }, 'npm start to print its URL');
  // The data is kept where PostgreSQL's user can reach it, linked from ./var/pg, and the output says so.
  const link = path.join(checkout, 'var', 'pg');
  assert.ok(lstatSync(link).isSymbolicLink(), './var/pg links to the data');
  const data = realpathSync(link);
  after(() => rmSync(data, { recursive: true, force: true }));
  assert.match(data, /^\/var\/lib\/microposts-postgres\/data-/);
  assert.ok(
    start
      .output()
      .includes(
        `PostgreSQL's data is in ${data} (${link} links to it): the postgres user it runs as cannot enter ${path.dirname(checkout)}.`,
      ),
    start.output(),
  );
  assert.match(
    start.output(),
    /PostgreSQL's programs run from \/var\/lib\/microposts-postgres\/postgresql-[\d.]+\S*, a copy of \S+ the postgres user can reach\./,
  );
  const page = await fetch(`http://127.0.0.1:${port}/`);
  assert.equal(page.status, 200);
  start.child.kill('SIGINT');
  assert.equal(await start.exited, 0);
});

test('npm test as root from a private folder', { skip }, async () => {
  const checkout = privateCheckout();
  const tests = run(checkout, ['scripts/test.ts', 'packages/core/test/pagination.test.ts'], {});
  const code = await tests.exited;
  assert.equal(code, 0, tests.output());
  assert.match(tests.output(), /Summary: [1-9]\d* passed, 0 failed, 0 skipped/);
});
