// pino-pretty is loaded only for a terminal: a process whose output is a pipe (web processes under
// systemd, npm start's supervisor or the benchmark) never loads it (docs/performance.md, "Web RSS").
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(import.meta.dirname, '../../..');

test('a logger for a pipe does not load pino-pretty; one for a terminal writes readable lines', () => {
  // In a fresh process, so that no other test has loaded it already.
  const script = `
    import { PassThrough } from 'node:stream';
    import { createRequire } from 'node:module';
    import { createLogger } from '@microposts/runtime';
    const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes('/pino-pretty/'));
    const pipe = new PassThrough();
    createLogger({ logLevel: 'info' }, 'web', pipe).info('to a pipe');
    const afterPipe = loaded();
    const terminal = Object.assign(new PassThrough(), { isTTY: true });
    createLogger({ logLevel: 'info' }, 'web', terminal).info('to a terminal');
    console.log(JSON.stringify({ afterPipe, pipe: JSON.parse(String(pipe.read())).msg, afterTerminal: loaded(), terminal: String(terminal.read()) }));
  `;
  const out = JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root }).toString(),
  ) as { afterPipe: boolean; pipe: string; afterTerminal: boolean; terminal: string };
  assert.equal(out.afterPipe, false);
  assert.equal(out.pipe, 'to a pipe');
  assert.equal(out.afterTerminal, true);
  assert.match(out.terminal, /INFO.*web: to a terminal/);
});
