// Every way of starting a web process runs it with the same heap settings (WEB_NODE_ARGS): npm start
// and the benchmark take them from the constant, npm run start:web and the systemd unit spell them out.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { WEB_NODE_ARGS } from '@microposts/runtime';

const root = path.resolve(import.meta.dirname, '../../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

test('npm run start:web and the systemd unit start web processes with WEB_NODE_ARGS', () => {
  const args = WEB_NODE_ARGS.join(' ');
  const script = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts[
    'start:web'
  ];
  assert.equal(script, `node ${args} --import ./scripts/check-node.mjs apps/web/src/main.ts`);
  const unit = read('deploy/microposts-web@.service');
  assert.match(unit, new RegExp(`^ExecStart=/usr/bin/node ${args} --import .* apps/web/src/main\\.ts$`, 'm'));
  for (const file of ['scripts/start.ts', 'bench/run.ts']) assert.match(read(file), /WEB_NODE_ARGS/, file);
});

test('the settings are ones this Node.js accepts', () => {
  // A web process would not start with an unknown option: Node.js runs with them and reports the cap.
  const { execFileSync } = process.getBuiltinModule('node:child_process');
  const out = execFileSync(process.execPath, [
    ...WEB_NODE_ARGS,
    '-e',
    'const v8 = require("node:v8"); console.log(v8.getHeapStatistics().heap_size_limit >> 20)',
  ]).toString();
  assert.ok(Number(out) > 512 && Number(out) < 600, out);
});
