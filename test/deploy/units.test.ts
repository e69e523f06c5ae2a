// The systemd units restart a process whatever stopped it (crash, SIGKILL, OOM), never give up (a
// process that cannot start while PostgreSQL is down starts once it is back), and give a web
// process time to drain on SIGTERM.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(import.meta.dirname, '..', '..');

/** The unit's settings by section, e.g. settings.Service.Restart. */
function unit(name: string): Record<string, Record<string, string>> {
  const sections: Record<string, Record<string, string>> = {};
  let current = '';
  for (const line of readFileSync(path.join(root, 'deploy', name), 'utf8').split('\n')) {
    const section = /^\[(\w+)\]$/.exec(line);
    if (section) sections[(current = section[1]!)] = {};
    const setting = /^(\w+)=(.*)$/.exec(line);
    if (setting && current) sections[current]![setting[1]!] = setting[2]!;
  }
  return sections;
}

for (const name of ['microposts-web@.service', 'microposts-worker@.service']) {
  test(`${name}: restarted always, without a start limit`, () => {
    const u = unit(name);
    assert.equal(u.Service?.Restart, 'always');
    assert.equal(u.Service?.RestartSec, '2');
    assert.equal(u.Unit?.StartLimitIntervalSec, '0');
    assert.equal(u.Service?.KillSignal, 'SIGTERM');
  });
}

test('a web process gets longer to stop than its drain and the requests it finishes (5 s + 10 s)', () => {
  assert.ok(Number(unit('microposts-web@.service').Service?.TimeoutStopSec) > 15);
});
