// The idle release (packages/runtime/src/memory-release.ts): when it fires, and that it gives memory back.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { WEB_NODE_ARGS } from '@microposts/runtime';
import { idleReleaseDecider } from '../src/memory-release.ts';

test('releases once after enough idle samples in a row that follow work, and not again until more work', () => {
  const decide = idleReleaseDecider(0.05, 3);
  const run = (samples: number[]) => samples.map((u) => decide(u));
  // A process that was never busy has nothing to give back.
  assert.deepEqual(run([0, 0, 0, 0]), [false, false, false, false]);
  // Busy, then idle: the third idle sample in a row releases; later idle samples do not.
  assert.deepEqual(run([0.9, 0.01, 0.01, 0.01, 0.01, 0]), [false, false, false, true, false, false]);
  // A busy sample among the idle ones starts the count again.
  assert.deepEqual(run([0.5, 0.01, 0.01, 0.2, 0.01, 0.01, 0.01]), [
    false,
    false,
    false,
    false,
    false,
    false,
    true,
  ]);
  // Exactly at the threshold counts as busy.
  assert.deepEqual(run([0.05, 0.049, 0.049, 0.049]), [false, false, false, true]);
});

test('a release gives the pages of freed garbage back to the system and exposes no gc function', () => {
  // A process with the web process's heap settings makes and drops about 100 MiB of objects; V8
  // keeps the emptied pages resident until the release.
  const script = `
    import { readFileSync } from 'node:fs';
    import { releaseHeapMemory } from ${JSON.stringify(path.resolve(import.meta.dirname, '../src/memory-release.ts'))};
    const rss = () => Number(/VmRSS:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024;
    let garbage = [];
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 300000; i++) garbage.push({ i, s: 'x' + i });
      garbage = [];
    }
    const before = rss();
    releaseHeapMemory();
    console.log(JSON.stringify({ before, after: rss(), gc: typeof globalThis.gc }));
  `;
  const out = execFileSync(process.execPath, [
    ...WEB_NODE_ARGS,
    '--input-type=module',
    '-e',
    script,
  ]).toString();
  const { before, after, gc } = JSON.parse(out) as { before: number; after: number; gc: string };
  assert.ok(before - after > 20, `RSS ${before.toFixed(0)} MiB before, ${after.toFixed(0)} MiB after`);
  assert.equal(gc, 'undefined');
});
