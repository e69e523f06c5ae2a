// Logs are readable lines in a terminal (a person running `npm start`) and JSON lines otherwise (what
// journald and log shippers read).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { freePort } from '@microposts/db';
import { testDatabase } from './support/database.ts';
import { startWeb } from './support/processes.ts';
import { waitFor } from './support/wait.ts';
import { TEST_SECRET_KEY } from './support/secret.ts';

const root = path.resolve(import.meta.dirname, '..');
// util-linux's script(1) runs a command on a pseudo-terminal.
const skip =
  spawnSync('script', ['--version']).status === 0 ? false : 'script(1) from util-linux is not installed';
const databaseUrl = await testDatabase();
const ANSI = /\x1b\[[0-9;]*m/g; // eslint-disable-line no-control-regex

test('in a terminal, the web process prints readable, coloured lines', { skip }, async () => {
  const port = await freePort();
  const command = `${process.execPath} ${path.join(root, 'apps/web/src/main.ts')}`;
  const child = spawn('script', ['-qec', command, '/dev/null'], {
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'microposts-tty-')),
      SECRET_KEY: TEST_SECRET_KEY,
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    await waitFor(() => output.includes('microposts web is listening'), 'the web process to start');
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
  }
  assert.match(output, ANSI, 'coloured');
  const plain = output.replace(ANSI, '');
  assert.match(
    plain,
    /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: web: microposts web is listening; open http:\/\/localhost:\d+\r?$/m,
  );
  assert.doesNotMatch(plain, /^\{"level"/m, 'no JSON lines');
});

test('into a pipe, the web process prints JSON lines', async () => {
  const web = await startWeb(databaseUrl, { LOG_LEVEL: 'info' });
  await web.stop();
  const lines = web.output().trim().split('\n');
  const listening = lines
    .map((l) => JSON.parse(l) as { msg: string; process: string; level: number })
    .find((l) => l.msg.startsWith('microposts web is listening'));
  assert.equal(listening?.process, 'web');
  assert.equal(listening?.level, 30);
});
