// Every way of starting a web process runs it with the same heap settings (WEB_NODE_ARGS) and
// environment (webProcessEnv): npm start and the benchmark take them from the code, npm run start:web
// and the systemd unit spell them out.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { WEB_NODE_ARGS, webProcessEnv } from '@microposts/runtime';

const root = path.resolve(import.meta.dirname, '../../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

test('npm run start:web and the systemd unit start web processes with WEB_NODE_ARGS and webProcessEnv', () => {
  const args = WEB_NODE_ARGS.join(' ');
  const script = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts[
    'start:web'
  ];
  // The shell spells DATA_DIR's default (./var, as config.ts) where the code has the folder.
  const env = Object.entries(webProcessEnv('${DATA_DIR:-var}'))
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  assert.equal(script, `${env} node ${args} --import ./scripts/check-node.mjs apps/web/src/main.ts`);

  const unit = read('deploy/microposts-web@.service');
  assert.match(unit, new RegExp(`^ExecStart=/usr/bin/node ${args} --import .* apps/web/src/main\\.ts$`, 'm'));
  const dataDir = /^DATA_DIR=(.*)$/m.exec(read('deploy/microposts.env.example'))![1]!;
  const unitEnv = Object.entries(webProcessEnv(dataDir))
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  assert.ok(unit.split('\n').includes(`Environment=${unitEnv}`), unitEnv);
  for (const file of ['scripts/start.ts', 'bench/run.ts']) {
    assert.match(read(file), /WEB_NODE_ARGS/, file);
    assert.match(read(file), /webProcessEnv\(/, file);
  }
});

test('the settings are ones this Node.js accepts', () => {
  // A web process would not start with an unknown option: Node.js runs with them and reports the cap.
  const out = execFileSync(process.execPath, [
    ...WEB_NODE_ARGS,
    '-e',
    'const v8 = require("node:v8"); console.log(v8.getHeapStatistics().heap_size_limit >> 20)',
  ]).toString();
  assert.ok(Number(out) > 512 && Number(out) < 600, out);
});

test('with the compile cache warm, a process runs its TypeScript without loading the type stripper', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'microposts-compile-cache-'));
  try {
    // An ES module importing another, as the web process's files are.
    writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
    writeFileSync(path.join(dir, 'names.ts'), 'export const needle: string = "amaro";\n');
    const file = path.join(dir, 'probe.ts');
    writeFileSync(
      file,
      'import { needle } from "./names.ts";\n' +
        'const loaded: string[] = process.moduleLoadList.filter((m) => m.includes(needle));\n' +
        'console.log(JSON.stringify(loaded));\n',
    );
    const env = { ...process.env, ...webProcessEnv(dir) };
    const run = () => JSON.parse(execFileSync(process.execPath, [file], { env }).toString()) as string[];
    assert.deepEqual(run(), ['NativeModule internal/deps/amaro/dist/index'], 'the first run strips types');
    assert.deepEqual(run(), [], 'the second run finds the stripped code in the cache');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
