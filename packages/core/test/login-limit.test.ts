// The per-account limit on failed log-ins (issue 10, item 8), on the in-memory unit of work: counted
// whatever address they come from, given back on the right password, and the same for a name that
// is no account.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDomainError } from '../src/errors.ts';
import { hashPassword } from '../src/security/password.ts';
import { fakeServices } from './support/fake-unit-of-work.ts';

const PASSWORD = 'correct horse battery';

async function setup() {
  const { services, uow } = fakeServices(); // loginFailuresPerAccount: 3
  await uow.accounts.create({
    username: 'ann',
    email: 'ann@example.com',
    passwordHash: await hashPassword(PASSWORD),
  });
  const login = (login: string, password: string) => services.accounts.authenticate({ login, password });
  const refusedAs = (code: string) => (e: unknown) => isDomainError(e) && e.code === code;
  return { login, refusedAs };
}

test('after 3 failed log-ins (by username or e-mail), even the right password is refused for an hour', async () => {
  const { login, refusedAs } = await setup();
  for (const name of ['ann', 'ANN@example.com', '@ann'])
    await assert.rejects(login(name, 'wrong'), refusedAs('invalid_credentials'));
  await assert.rejects(login('ann', PASSWORD), (e: unknown) => {
    assert.ok(isDomainError(e, 'rate_limited'));
    assert.equal(e.message, 'Too many failed log-ins to this account. Try again in 60 minutes.');
    return true;
  });
});

test('the right password does not count: many log-ins, and failures in between, stay under the limit', async () => {
  const { login, refusedAs } = await setup();
  for (let i = 0; i < 10; i++) {
    assert.equal((await login('ann', PASSWORD)).username, 'ann');
    if (i < 2) await assert.rejects(login('ann', 'wrong'), refusedAs('invalid_credentials'));
  }
});

test('a name that is no account is limited alike, without touching real accounts', async () => {
  const { login, refusedAs } = await setup();
  for (let i = 0; i < 3; i++) await assert.rejects(login('ghost', 'x'), refusedAs('invalid_credentials'));
  await assert.rejects(login('Ghost', 'x'), refusedAs('rate_limited'));
  assert.equal((await login('ann', PASSWORD)).username, 'ann');
});
