// The configuration's checks that concern the edge's security (issue 10, items 8 and 9): TRUST_PROXY
// and the per-account log-in limit; a bad value stops start-up with a message naming the variable.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../src/config.ts';

const base = { SECRET_KEY: 'k'.repeat(32), DATA_DIR: '/nonexistent/microposts' };
const load = (env: Record<string, string>) => loadConfig({ ...base, ...env });

test('TRUST_PROXY: none by default; addresses, CIDR ranges and proxy-addr names, by comma or space', () => {
  assert.deepEqual(load({}).trustProxy, []);
  assert.deepEqual(load({ TRUST_PROXY: '' }).trustProxy, []);
  assert.deepEqual(load({ TRUST_PROXY: '127.0.0.1,::1' }).trustProxy, ['127.0.0.1', '::1']);
  assert.deepEqual(load({ TRUST_PROXY: ' 10.0.0.0/8, fd00::/8  loopback ' }).trustProxy, [
    '10.0.0.0/8',
    'fd00::/8',
    'loopback',
  ]);
  assert.deepEqual(load({ TRUST_PROXY: '192.0.2.1/32 linklocal uniquelocal' }).trustProxy, [
    '192.0.2.1/32',
    'linklocal',
    'uniquelocal',
  ]);
});

test('TRUST_PROXY: anything else stops start-up, naming the variable and the entry', () => {
  for (const bad of [
    'true',
    '*',
    'localhost',
    '10.0.0.0/33',
    '::1/129',
    '10.0.0.1/8/8',
    '10.0.0.256',
    '1.2.3.4/x',
  ])
    assert.throws(
      () => load({ TRUST_PROXY: `127.0.0.1,${bad}` }),
      (e: unknown) =>
        e instanceof ConfigError &&
        e.message ===
          `TRUST_PROXY has "${bad}", which is not an IP address, a CIDR range or one of loopback, linklocal, uniquelocal.`,
      bad,
    );
});

test('RATE_LIMIT_LOGIN_ACCOUNT: 25 by default, a whole number from 1', () => {
  assert.equal(load({}).loginFailuresPerAccount, 25);
  assert.equal(load({ RATE_LIMIT_LOGIN_ACCOUNT: '5' }).loginFailuresPerAccount, 5);
  for (const bad of ['0', '-1', 'ten', '2.5'])
    assert.throws(
      () => load({ RATE_LIMIT_LOGIN_ACCOUNT: bad }),
      new ConfigError('RATE_LIMIT_LOGIN_ACCOUNT must be a whole number from 1 to 1000000.'),
    );
});

test('READ_CACHE_ENTRIES: 10,000 by default, a whole number from 100', () => {
  assert.equal(load({}).readCacheEntries, 10_000);
  assert.equal(load({ READ_CACHE_ENTRIES: '50000' }).readCacheEntries, 50_000);
  for (const bad of ['0', '99', '-1', 'many', '1e4', '2000000'])
    assert.throws(
      () => load({ READ_CACHE_ENTRIES: bad }),
      new ConfigError('READ_CACHE_ENTRIES must be a whole number from 100 to 1000000.'),
    );
});
