// `npm start` as a person runs it: embedded PostgreSQL, migrations, web (and worker), the URL printed,
// Ctrl-C stops everything, and a second start finds the same data.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { freePort } from '@microposts/db';
import { waitFor, withDeadline } from './support/wait.ts';
import { SiteClient } from './support/site-client.ts';

const root = path.resolve(import.meta.dirname, '..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'microposts-start-'));
chmodSync(dataDir, 0o755);
after(() => rmSync(dataDir, { recursive: true, force: true }));

async function npmStart(port: number) {
  const child = spawn(process.execPath, [path.join(root, 'scripts/start.ts')], {
    env: {
      PATH: process.env.PATH,
      DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      MENTION_EMAIL_DELAY: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  after(async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGINT');
    await withDeadline(exited, 'npm start to stop');
  });
  const started = await waitFor(
    () => (child.exitCode !== null ? 'exited' : output.includes('microposts is running') && 'running'),
    'npm start to print its URL',
  );
  if (started === 'exited') throw new Error(`npm start exited:\n${output}`);
  return { child, exited, output: () => output };
}

function postgresRunning(): boolean {
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(pidFile)) return false;
  try {
    process.kill(Number(readFileSync(pidFile, 'utf8').split('\n')[0]), 0);
    return true;
  } catch {
    return false;
  }
}

test('npm start serves the site, stops cleanly on Ctrl-C, and a second start keeps the data', async () => {
  const port = await freePort();
  const first = await npmStart(port);
  assert.match(first.output(), new RegExp(`open http://localhost:${port}`));
  assert.ok(postgresRunning(), 'the embedded PostgreSQL runs under DATA_DIR/pg');
  const site = new SiteClient(`http://127.0.0.1:${port}`);
  await site.signup('starter');
  await site.get('/');
  assert.equal((await site.post('/statuses', { text: 'kept across restarts' })).status, 303);

  first.child.kill('SIGINT');
  assert.equal(await withDeadline(first.exited, 'npm start to stop'), 0);
  assert.equal(postgresRunning(), false, 'Ctrl-C stops PostgreSQL too');

  const second = await npmStart(port);
  const page = await new SiteClient(`http://127.0.0.1:${port}`).get('/@starter');
  assert.equal(page.status, 200);
  assert.match(page.html, /kept across restarts/);
  second.child.kill('SIGINT');
  assert.equal(await withDeadline(second.exited, 'npm start to stop'), 0);
});
