// Start-up failures a person can fix are told in one line that names the variable or the cause, with
// exit code 1 and no stack trace: the port taken, DATA_DIR read-only or not writable, PostgreSQL
// unreachable or refusing, a bad value.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { freePort } from '@microposts/db';
import { testDatabase } from './support/database.ts';
import { TEST_SECRET_KEY } from './support/secret.ts';

const root = path.resolve(import.meta.dirname, '..');
const scratch = mkdtempSync(path.join(tmpdir(), 'microposts-startup-'));
chmodSync(scratch, 0o755);
after(() => rmSync(scratch, { recursive: true, force: true }));

interface Run {
  code: number | null;
  output: string;
}

/** Runs `node <entry>` (optionally through a wrapper command) and collects everything it prints. */
function run(
  entry: string,
  env: Record<string, string>,
  options: { wrapper?: string[]; uid?: number } = {},
): Promise<Run> {
  const command = [...(options.wrapper ?? []), process.execPath, path.join(root, entry)];
  const child = spawn(command[0]!, command.slice(1), {
    env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', SECRET_KEY: TEST_SECRET_KEY, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }),
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    }),
  );
}

/** Exit code 1 and exactly this one line, nothing else (no stack trace). */
function saysOnly(result: Run, line: string): void {
  assert.equal(result.output.trim(), line, `the whole output:\n${result.output}`);
  assert.equal(result.code, 1);
}

/** A server on a free port that answers 200 to everything (what a newcomer's other dev server does). */
async function otherServer(): Promise<number> {
  const port = await freePort();
  const server = http.createServer((_req, res) => res.end('{"ok":true}'));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return port;
}

const portTaken = (port: number) =>
  `Port ${port} on 127.0.0.1 is already in use (PORT): stop the program using it, or set PORT to a free port.`;

test('npm start on a port another server answers on: one line, before anything starts', async () => {
  const port = await otherServer();
  const result = await run('scripts/start.ts', { PORT: String(port), DATA_DIR: path.join(scratch, 'taken') });
  saysOnly(result, portTaken(port));
});

test('start:web on a taken port, with and without REUSE_PORT: one line', async () => {
  const databaseUrl = await testDatabase();
  const port = await otherServer();
  for (const reuse of ['0', '1']) {
    const result = await run('apps/web/src/main.ts', {
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      DATA_DIR: scratch,
      REUSE_PORT: reuse,
    });
    saysOnly(result, portTaken(port));
  }
});

test('start:web and start:worker with PostgreSQL unreachable at DATABASE_URL: one line', async () => {
  const closed = await freePort();
  const databaseUrl = `postgres://microposts:secret@127.0.0.1:${closed}/microposts`;
  for (const entry of ['apps/web/src/main.ts', 'apps/worker/src/main.ts']) {
    const result = await run(entry, { DATABASE_URL: databaseUrl, DATA_DIR: scratch });
    saysOnly(
      result,
      `Cannot reach PostgreSQL at 127.0.0.1:${closed} (DATABASE_URL): connection refused; is the server running, on that host and port?`,
    );
  }
});

test('start:web with a wrong password in DATABASE_URL: one line, without the password', async () => {
  const url = new URL(await testDatabase());
  url.password = 'not-the-password';
  const result = await run('apps/web/src/main.ts', { DATABASE_URL: url.toString(), DATA_DIR: scratch });
  saysOnly(
    result,
    `PostgreSQL at 127.0.0.1:${url.port} (DATABASE_URL) refused the log-in: password authentication failed for user "postgres"; check the user and password in DATABASE_URL.`,
  );
});

test('DATA_DIR on a read-only file system: one line naming it', async (t) => {
  const dir = path.join(scratch, 'read-only');
  // A read-only mount of our own, in a private mount namespace (no trace left on the machine).
  const wrapper = [
    'unshare',
    '--user',
    '--map-root-user',
    '--mount',
    'sh',
    '-c',
    `mkdir -p ${dir} && mount -t tmpfs -o ro,size=1m tmpfs ${dir} && exec "$@"`,
    'sh',
  ];
  if (spawnSync(wrapper[0]!, [...wrapper.slice(1), 'true']).status !== 0)
    return t.skip('cannot make a read-only mount here (unshare --user --mount is not allowed)');
  const result = await run('scripts/start.ts', { DATA_DIR: path.join(dir, 'var') }, { wrapper });
  saysOnly(
    result,
    `Configuration error: DATA_DIR (${dir}/var) is on a read-only file system (EROFS); set it to a folder this user can write.`,
  );
});

test('DATA_DIR that is a file, or that this user cannot write: one line naming it', async (t) => {
  const file = path.join(scratch, 'a-file');
  writeFileSync(file, 'not a folder');
  saysOnly(
    await run('scripts/start.ts', { DATA_DIR: file }),
    `Configuration error: DATA_DIR (${file}) is not a folder (EEXIST); set it to a folder this user can write.`,
  );

  const locked = path.join(scratch, 'locked');
  // Root may write anywhere: run as "nobody" then (which must be able to read the code and Node.js).
  const asRoot = userInfo().uid === 0;
  if (
    asRoot &&
    spawnSync(
      process.execPath,
      ['-e', `require('fs').readFileSync(${JSON.stringify(path.join(root, 'package.json'))})`],
      { uid: 65534, gid: 65534 },
    ).status !== 0
  )
    return t.skip('"nobody" cannot read this checkout (it is in a private folder)');
  rmSync(locked, { recursive: true, force: true });
  mkdirSync(locked);
  chmodSync(locked, 0o555);
  const result = await run(
    'scripts/start.ts',
    { DATA_DIR: path.join(locked, 'var') },
    asRoot ? { uid: 65534 } : {},
  );
  saysOnly(
    result,
    `Configuration error: DATA_DIR (${locked}/var) is not writable by this user (EACCES); set it to a folder this user can write.`,
  );
});

test('bad values of the new variables: one line naming the variable', async () => {
  const cases: [Record<string, string>, string][] = [
    [{ WEB_PROCESSES: '0' }, 'Configuration error: WEB_PROCESSES must be a whole number from 1 to 64.'],
    [{ WEB_PROCESSES: 'many' }, 'Configuration error: WEB_PROCESSES must be a whole number from 1 to 64.'],
    [{ REUSE_PORT: 'maybe' }, 'Configuration error: REUSE_PORT must be true or false (or 1 or 0).'],
  ];
  for (const [env, line] of cases)
    saysOnly(await run('scripts/start.ts', { DATA_DIR: scratch, ...env }), line);
});

// A plain TCP listener (not an HTTP server) is also "something else" for npm start.
test('npm start on a port held by a plain TCP listener: one line', async () => {
  const port = await freePort();
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  after(() => server.close());
  saysOnly(await run('scripts/start.ts', { PORT: String(port), DATA_DIR: scratch }), portTaken(port));
});
