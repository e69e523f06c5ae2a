// The operator CLI as operators run it: `node packages/runtime/src/cli/main.ts ...` against a database.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { appOn } from '../../../test/support/app.ts';
import { cliEnv, runCli } from '../../../test/support/cli.ts';
import { testDatabase } from '../../../test/support/database.ts';
import { fixtures } from '../../../test/support/fixtures.ts';

const databaseUrl = await testDatabase();
const env = cliEnv(databaseUrl);

const cli = (...args: string[]) => runCli(env, ...args);

// A second view of the same database, to check what the CLI did and to log in.
const app = await appOn(databaseUrl);
const { services, db } = app;
const f = fixtures(app);
const accountCount = async () =>
  Number((await db.selectFrom('accounts').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('help', () => {
  test('the command list and each command’s --help', async () => {
    const r = await cli('--help');
    assert.equal(r.code, 0);
    for (const name of ['accounts create', 'accounts suspend', 'accounts unsuspend', 'accounts list'])
      assert.match(r.stdout, new RegExp(`  ${name} `));
    for (const name of ['create', 'suspend', 'unsuspend', 'list']) {
      const h = await cli('accounts', name, '--help');
      assert.equal(h.code, 0);
      assert.match(h.stdout, new RegExp(`^Usage: npm run cli -- accounts ${name}`));
    }
  });
});

describe('accounts create', () => {
  test('with a password: created, and can log in', async () => {
    const r = await cli(
      'accounts',
      'create',
      '--username',
      'Operator1',
      '--email',
      'op1@example.com',
      '--password',
      'operator password',
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Created @Operator1 \(id \d+, op1@example.com\)\.\n$/);
    const a = await services.accounts.authenticate({ login: 'operator1', password: 'operator password' });
    assert.equal(a.username, 'Operator1');
  });

  test('without a password: one is generated, printed once, and works', async () => {
    const r = await cli('accounts', 'create', '--username', 'generated', '--email', 'gen@example.com');
    assert.equal(r.code, 0, r.stderr);
    const password = /^Password: (\S{24})$/m.exec(r.stdout)?.[1];
    assert.ok(password, r.stdout);
    const a = await services.accounts.authenticate({ login: 'generated', password });
    assert.equal(a.email, 'gen@example.com');
  });

  test('bad input: one-line error, exit code 1, nothing written', async () => {
    const before = await accountCount();
    const cases: [string[], string][] = [
      [['--email', 'x@example.com'], 'Error: --username is required.\n'],
      [['--username', 'nomail'], 'Error: --email is required.\n'],
      [
        ['--username', 'bad name', '--email', 'x@example.com'],
        'Error: Username may only contain letters, digits and underscores.\n',
      ],
      [['--username', 'generated', '--email', 'other@example.com'], 'Error: Username is already taken.\n'],
      [['--username', 'fresh', '--email', 'GEN@example.com'], 'Error: E-mail is already registered.\n'],
      [
        ['--username', 'fresh', '--email', 'x@example.com', '--password', 'short'],
        'Error: Password must be at least 8 characters.\n',
      ],
      [['--username', 'fresh', '--email', 'not-an-email'], 'Error: E-mail address is not valid.\n'],
    ];
    for (const [args, stderr] of cases) {
      const r = await cli('accounts', 'create', ...args);
      assert.equal(r.code, 1, args.join(' '));
      assert.equal(r.stderr, stderr);
      assert.equal(r.stdout, '');
    }
    const unknown = await cli('accounts', 'create', '--nope');
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /^Error: Unknown option '--nope'/);
    assert.equal(unknown.stderr.trim().split('\n').length, 1);
    assert.equal(await accountCount(), before);
  });
});

describe('accounts suspend / unsuspend', () => {
  test('suspend ends sessions, refuses log-in, hides statuses; unsuspend restores', async () => {
    const a = await f.account({ username: 'naughty', email: 'n@example.com', password: 'naughty password' });
    const s = await f.status(a, 'now you see me #hidden');
    await services.sessions.save('naughty-session', {
      accountId: a.id,
      data: {},
      expiresAt: new Date(Date.now() + 60_000),
    });

    const r = await cli('accounts', 'suspend', 'NAUGHTY');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Suspended @naughty.\n');
    assert.equal(await services.sessions.load('naughty-session'), null);
    await assert.rejects(services.accounts.authenticate({ login: 'naughty', password: 'naughty password' }), {
      message: 'This account is suspended.',
    });
    await assert.rejects(services.statuses.get(s.id), { code: 'not_found' });
    assert.deepEqual((await services.tags.timeline('hidden', { limit: 5 })).statuses, []);
    assert.deepEqual((await services.search.search({ q: 'see' })).statuses, []);
    assert.equal((await cli('accounts', 'suspend', 'naughty')).stdout, '@naughty was already suspended.\n');

    const u = await cli('accounts', 'unsuspend', '@naughty');
    assert.equal(u.code, 0, u.stderr);
    assert.equal(u.stdout, 'Unsuspended @naughty.\n');
    assert.equal((await services.statuses.get(s.id)).id, s.id);
    assert.equal(
      (await services.accounts.authenticate({ login: 'naughty', password: 'naughty password' })).id,
      a.id,
    );
    assert.equal((await cli('accounts', 'unsuspend', 'naughty')).stdout, '@naughty was not suspended.\n');
  });

  test('errors: unknown account, missing or extra username', async () => {
    const cases: [string[], string][] = [
      [['suspend', 'ghost'], 'Error: No account is called @ghost.\n'],
      [['unsuspend', 'ghost'], 'Error: No account is called @ghost.\n'],
      [['suspend'], 'Error: Expected one username. Usage: npm run cli -- accounts suspend <username>\n'],
      [
        ['suspend', 'a', 'b'],
        'Error: Expected one username. Usage: npm run cli -- accounts suspend <username>\n',
      ],
      [['unsuspend'], 'Error: Expected one username. Usage: npm run cli -- accounts unsuspend <username>\n'],
    ];
    for (const [args, stderr] of cases) {
      const r = await cli('accounts', ...args);
      assert.equal(r.code, 1, args.join(' '));
      assert.equal(r.stderr, stderr);
    }
  });
});

describe('accounts list', () => {
  test('a table, newest first; --suspended; --limit', async () => {
    await f.account({ username: 'listed_last', email: 'last@example.com', confirmed: false });
    await services.admin.suspend('generated');
    const r = await cli('accounts', 'list');
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0]!, /^ID\s+USERNAME\s+E-MAIL\s+CREATED\s+CONFIRMED\s+SUSPENDED\s+ROLE$/);
    assert.match(lines[1]!, /^\d+\s+listed_last\s+last@example.com\s+\d{4}-\d\d-\d\d\s+no\s+-\s+user$/);
    const suspended = await cli('accounts', 'list', '--suspended');
    assert.deepEqual(
      suspended.stdout
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((l) => l.split(/\s+/)[1]),
      ['generated'],
    );
    const one = await cli('accounts', 'list', '--limit', '1');
    assert.equal(one.stdout.trimEnd().split('\n').length, 2);
  });

  test('bad --limit: one-line error, exit code 1', async () => {
    for (const limit of ['0', '1001', 'ten', '-1', '1.5', '']) {
      const r = await cli('accounts', 'list', `--limit=${limit}`);
      assert.equal(r.code, 1, limit);
      assert.equal(r.stderr, 'Error: --limit must be a whole number from 1 to 1000.\n');
    }
    // node's own parsing errors are cut to their first line too.
    const dash = await cli('accounts', 'list', '--limit', '-1');
    assert.equal(dash.code, 1);
    assert.equal(dash.stderr, "Error: Option '--limit' argument is ambiguous.\n");
  });
});
