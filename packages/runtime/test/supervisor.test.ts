// npm start's supervisor: a process that stops is started again after a growing pause; one that keeps
// failing stops everything; stop() ends them all.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { supervise } from '@microposts/runtime';
import { waitFor } from '../../../test/support/wait.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'microposts-supervisor-'));
const script = (name: string, body: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, body);
  return file;
};
const crashes = script('crash.mjs', 'process.exit(3);');
const runs = script('run.mjs', 'setInterval(() => {}, 1000); process.on("SIGTERM", () => process.exit(0));');

test('a process that is killed is started again, with a new pid', async () => {
  const lines: string[] = [];
  const supervisor = supervise([{ name: 'web 1', entry: runs, env: process.env }], {
    log: (line) => lines.push(line),
    onGiveUp: () => assert.fail('must not give up'),
    firstDelayMs: 10,
  });
  const first = await waitFor(() => supervisor.pids()['web 1'], 'the first pid');
  process.kill(first, 'SIGKILL');
  const second = await waitFor(() => {
    const pid = supervisor.pids()['web 1'];
    return pid !== first ? pid : undefined;
  }, 'a new process');
  assert.notEqual(second, first);
  assert.deepEqual(lines, [
    'The web 1 process was killed (SIGKILL); starting it again in 0.01 s.',
    `Started the web 1 process again (pid ${second}).`,
  ]);
  await supervisor.stop();
  assert.equal(supervisor.pids()['web 1'], undefined);
});

test('a process that keeps failing stops everything after maxRestarts within the window', async () => {
  const lines: string[] = [];
  let gaveUp: string | null = null;
  const supervisor = supervise(
    [
      { name: 'worker', entry: crashes, env: process.env },
      { name: 'web', entry: runs, env: process.env },
    ],
    {
      log: (line) => lines.push(line),
      onGiveUp: (name) => (gaveUp = name),
      maxRestarts: 3,
      firstDelayMs: 10,
    },
  );
  await waitFor(() => gaveUp, 'the supervisor to give up');
  assert.equal(gaveUp, 'worker');
  assert.deepEqual(
    lines.filter((l) => !l.startsWith('Started')),
    [
      'The worker process stopped (exit code 3); starting it again in 0.01 s.',
      'The worker process stopped (exit code 3); starting it again in 0.02 s.',
      'The worker process stopped (exit code 3); starting it again in 0.04 s.',
      'The worker process stopped (exit code 3) after 3 restarts within 60 s; stopping everything.',
    ],
  );
  assert.equal(supervisor.pids().web, undefined, 'the other processes were stopped too');
});
