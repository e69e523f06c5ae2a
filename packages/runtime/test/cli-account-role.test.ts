// `npm run cli -- accounts role <username> <role>` as operators run it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appOn } from '../../../test/support/app.ts';
import { cliEnv, runCli } from '../../../test/support/cli.ts';
import { testDatabase } from '../../../test/support/database.ts';
import { fixtures } from '../../../test/support/fixtures.ts';

const databaseUrl = await testDatabase();
const env = cliEnv(databaseUrl);
const cli = (...args: string[]) => runCli(env, ...args);
const app = await appOn(databaseUrl);
const f = fixtures(app);
const roleOf = async (id: string) =>
  (await app.db.selectFrom('accounts').select('role').where('id', '=', id).executeTakeFirstOrThrow()).role;

test('listed in --help, with its own --help', async () => {
  const all = await cli('--help');
  assert.match(all.stdout, / {2}accounts role +Set an account’s role: user, moderator or admin\n/);
  const help = await cli('accounts', 'role', '--help');
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: npm run cli -- accounts role <username> <role>\n/);
  assert.match(help.stdout, /moderator +also sees the reports at \/moderation/);
});

test('gives and takes a role; the list shows it; twice is harmless', async () => {
  const a = await f.account({ username: 'helper' });
  const r = await cli('accounts', 'role', '@Helper', 'moderator');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '@helper is now a moderator.\n');
  assert.equal(await roleOf(a.id), 'moderator');
  assert.equal(
    (await cli('accounts', 'role', 'helper', 'moderator')).stdout,
    '@helper was already a moderator.\n',
  );
  assert.equal((await cli('accounts', 'role', 'helper', 'admin')).stdout, '@helper is now an admin.\n');
  const list = await cli('accounts', 'list');
  assert.match(list.stdout, /\bhelper\b.*\badmin\n/);
  assert.equal((await cli('accounts', 'role', 'helper', 'user')).stdout, '@helper is now a user.\n');
  assert.equal(await roleOf(a.id), 'user');
});

test('bad input: one-line error, exit code 1, nothing changed', async () => {
  const a = await f.account({ username: 'steady' });
  const cases: [string[], string][] = [
    [[], 'Error: Expected a username and a role. Usage: npm run cli -- accounts role <username> <role>\n'],
    [
      ['steady'],
      'Error: Expected a username and a role. Usage: npm run cli -- accounts role <username> <role>\n',
    ],
    [
      ['steady', 'admin', 'extra'],
      'Error: Expected a username and a role. Usage: npm run cli -- accounts role <username> <role>\n',
    ],
    [['steady', 'owner'], 'Error: Role must be one of: user, moderator, admin.\n'],
    [['steady', 'Admin'], 'Error: Role must be one of: user, moderator, admin.\n'],
    [['nobody_here', 'admin'], 'Error: No account is called @nobody_here.\n'],
  ];
  for (const [args, stderr] of cases) {
    const r = await cli('accounts', 'role', ...args);
    assert.equal(r.code, 1, args.join(' '));
    assert.equal(r.stderr, stderr, args.join(' '));
    assert.equal(r.stdout, '');
  }
  const unknown = await cli('accounts', 'role', 'steady', 'admin', '--force');
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /^Error: Unknown option '--force'/);
  assert.equal(await roleOf(a.id), 'user');
});
