// With a Node.js too old to run .ts files (Debian's /usr/bin/node is 20), `npm install` refuses with
// the required version, and every npm script that runs TypeScript says at once what is needed,
// instead of ERR_UNKNOWN_FILE_EXTENSION.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';

const root = path.resolve(import.meta.dirname, '..');
const OLD_NODE = '/usr/bin/node';

function tooOld(): string | null {
  if (!existsSync(OLD_NODE)) return null;
  const version = execFileSync(OLD_NODE, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim();
  const [major, minor] = version.split('.').map(Number) as [number, number];
  return major < 22 || (major === 22 && minor < 18) ? version : null;
}
const old = tooOld();
const skip = old ? false : `no Node.js older than 22.18 at ${OLD_NODE} to try`;
// The old node first on PATH, as on a machine where it is the default.
const env = { ...process.env, PATH: `${path.dirname(OLD_NODE)}:${process.env.PATH}` };
const { scripts } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};

test(
  'every npm script that runs a .ts file checks the version first, and says so in one line',
  { skip },
  () => {
    const tsScripts = Object.entries(scripts).filter(([, command]) => /\.ts\b/.test(command));
    assert.ok(tsScripts.length >= 7, 'start, start:web, start:worker, migrate, cli, test, bench');
    for (const [name, command] of tsScripts) {
      // What npm runs for the script, in the package folder.
      const result = spawnSync('sh', ['-c', command], { cwd: root, env, encoding: 'utf8', timeout: 30_000 });
      assert.equal(
        `${result.stdout}${result.stderr}`.trim(),
        `microposts needs Node.js 22.18 or later (you have ${old}); see README`,
        `npm run ${name}`,
      );
      assert.equal(result.status, 1, `npm run ${name} exits with 1`);
    }
  },
);

test('the systemd units check the version first too', { skip }, () => {
  for (const unit of ['microposts-web@.service', 'microposts-worker@.service']) {
    const text = readFileSync(path.join(root, 'deploy', unit), 'utf8');
    const exec = /^ExecStart=\/usr\/bin\/node (.*)$/m.exec(text)?.[1];
    assert.ok(exec, unit);
    const result = spawnSync(OLD_NODE, exec.split(' '), { cwd: root, encoding: 'utf8', timeout: 30_000 });
    assert.equal(
      `${result.stdout}${result.stderr}`.trim(),
      `microposts needs Node.js 22.18 or later (you have ${old}); see README`,
    );
    assert.equal(result.status, 1);
  }
});

test('npm start itself, through npm', { skip }, () => {
  const result = spawnSync('npm', ['start'], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
  const output = `${result.stdout}${result.stderr}`;
  assert.match(
    output,
    new RegExp(`microposts needs Node\\.js 22\\.18 or later \\(you have ${old}\\); see README`),
  );
  assert.doesNotMatch(output, /ERR_UNKNOWN_FILE_EXTENSION/);
  assert.notEqual(result.status, 0);
});

test('npm install refuses, naming the required version', { skip }, () => {
  // A copy of what npm reads (manifests, lockfile, .npmrc), so nothing here is touched.
  const dir = mkdtempSync(path.join(tmpdir(), 'microposts-old-node-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const files = ['package.json', 'package-lock.json', '.npmrc', 'scripts/check-node.mjs'];
  for (const workspace of ['packages/core', 'packages/db', 'packages/runtime', 'apps/web', 'apps/worker'])
    files.push(`${workspace}/package.json`);
  for (const file of files) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    copyFileSync(path.join(root, file), path.join(dir, file));
  }
  const result = spawnSync('npm', ['install', '--dry-run', '--no-audit', '--no-fund'], {
    cwd: dir,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.notEqual(result.status, 0);
  assert.match(
    `${result.stdout}${result.stderr}`,
    /Unsupported engine[\s\S]*Required: \{"node":">=22\.18"\}/,
  );
});
