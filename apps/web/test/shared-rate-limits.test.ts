// Rate limits shared by every web process (issue 10, items 8 and 9): two web processes on one
// database spend one budget — log-in per address and per account, posting per account whether it
// comes through the website or the API, reporting likewise, the API's budget per token — and X-Forwarded-For counts only
// from a proxy TRUST_PROXY names.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { testDatabase } from '../../../test/support/database.ts';
import { apiFetch } from '../../../test/support/api-fetch.ts';
import { errorPageOf, formErrorText } from '../../../test/support/page-checks.ts';
import { startWeb } from '../../../test/support/processes.ts';
import { fixtures, loggedIn, PASSWORD } from '../../../test/support/fixtures.ts';
import { SiteClient } from '../../../test/support/site-client.ts';
import { sqlClient } from '../../../test/support/sql.ts';
import { waitFor } from '../../../test/support/wait.ts';

const databaseUrl = await testDatabase();
const limits = {
  RATE_LIMIT_AUTH: '3',
  RATE_LIMIT_LOGIN_ACCOUNT: '3',
  RATE_LIMIT_POSTS: '2',
  RATE_LIMIT_REPORTS: '2',
  RATE_LIMIT_API: '5',
};
// Behind "the proxy" (this test, on loopback): each test comes from addresses of its own.
const [a, b] = [
  await startWeb(databaseUrl, { ...limits, TRUST_PROXY: '127.0.0.1' }),
  await startWeb(databaseUrl, { ...limits, TRUST_PROXY: '127.0.0.1' }),
];
const sql = sqlClient(databaseUrl);
const f = fixtures(databaseUrl);
const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });

async function tryLogin(base: string, address: string, login: string, password: string) {
  const client = new SiteClient(base, from(address));
  await client.get('/login');
  return client.post('/login', { login, password });
}

describe('log-in', () => {
  test('attempts per address are counted once for both processes', async () => {
    // Each attempt names another account, so only the per-address limit counts them together.
    for (const [i, web] of [a, b, a].entries())
      assert.equal((await tryLogin(web.url, '203.0.113.1', `nobody${i}`, 'guess')).status, 401);
    const fourth = await tryLogin(b.url, '203.0.113.1', 'nobody3', 'guess');
    assert.equal(fourth.status, 429);
    assert.equal(errorPageOf(fourth).title, 'Slow down');
    // Another address has a budget of its own.
    assert.equal((await tryLogin(a.url, '203.0.113.2', 'nobody4', 'guess')).status, 401);
  });

  test('failed log-ins per account are limited whatever address they come from', async () => {
    await f.account({ username: 'target' });
    await f.account({ username: 'bystander' });
    for (let i = 0; i < 3; i++) {
      const web = i % 2 ? b : a;
      const page = await tryLogin(
        web.url,
        `198.51.100.${i}`,
        i === 1 ? 'TARGET@example.com' : 'target',
        'wrong',
      );
      assert.equal(page.status, 401, `attempt ${i}`);
    }
    // The right password, from a fresh address, through either process: refused, nobody logged in.
    for (const [web, address] of [
      [a, '198.51.100.50'],
      [b, '198.51.100.51'],
    ] as const) {
      const client = new SiteClient(web.url, from(address));
      await client.get('/login');
      const page = await client.post('/login', { login: 'target', password: PASSWORD });
      assert.equal(page.status, 429);
      assert.match(
        formErrorText(page)!,
        /^Too many failed log-ins to this account\. Try again in \d+ minutes\.$/,
      );
      assert.equal((await client.get('/')).doc.querySelector('a.me'), null);
    }
    // Another account is not affected.
    assert.equal((await tryLogin(a.url, '198.51.100.60', 'bystander', PASSWORD)).status, 303);
  });

  test('successful log-ins do not count against the account', async () => {
    await f.account({ username: 'regular' });
    for (let i = 0; i < 6; i++)
      assert.equal((await tryLogin(i % 2 ? a.url : b.url, `192.0.2.${i}`, 'regular', PASSWORD)).status, 303);
  });
});

describe('posting', () => {
  test('one budget per account, on the website and through the API, in both processes', async () => {
    const poster = await f.account({ username: 'poster' });
    const token = await f.token(poster);
    const statuses = () =>
      sql.count(
        "SELECT count(*) FROM statuses s JOIN accounts a ON a.id = s.account_id WHERE a.username = 'poster'",
      );
    const onSite = await loggedIn(a.url, poster);
    await onSite.get('/');
    assert.equal((await onSite.post('/statuses', { text: 'on the website' })).status, 303);
    const viaApi = await apiFetch(b.url, 'POST', '/api/v1/statuses', {
      token: token.token,
      json: { status: 'via the API' },
    });
    assert.equal(viaApi.status, 200);
    assert.equal(await statuses(), 2);
    // The budget (2) is spent: both surfaces of both processes refuse.
    const onB = await loggedIn(b.url, poster);
    await onB.get('/');
    const page = await onB.post('/statuses', { text: 'one too many' });
    assert.equal(page.status, 429);
    assert.equal(errorPageOf(page).title, 'Slow down');
    const api = await apiFetch(a.url, 'POST', '/api/v1/statuses', {
      token: token.token,
      json: { status: 'one too many' },
    });
    assert.equal(api.status, 429);
    assert.deepEqual(api.body, { error: 'Too many requests' });
    assert.equal(await statuses(), 2);
    // Someone else may still post.
    const other = await f.token(await f.account({ username: 'patient' }));
    assert.equal(
      (await apiFetch(b.url, 'POST', '/api/v1/statuses', { token: other.token, json: { status: 'mine' } }))
        .status,
      200,
    );
  });
});

describe('reporting', () => {
  test('one budget per account, on the website and through the API, in both processes', async () => {
    const reporter = await f.account({ username: 'reporter' });
    const target = await f.account({ username: 'reported' });
    const token = await f.token(reporter);
    const reports = () =>
      sql.count(
        "SELECT count(*) FROM reports r JOIN accounts a ON a.id = r.account_id WHERE a.username = 'reporter'",
      );
    // Each log-in from an address of its own: the log-in budget per address is not what is tested.
    const logIn = async (base: string, address: string) => {
      const client = new SiteClient(base, from(address));
      assert.equal((await client.login(reporter.username, reporter.password)).status, 303);
      return client;
    };
    const onSite = await logIn(a.url, '192.0.2.10');
    await onSite.get('/@reported/report');
    assert.equal((await onSite.post('/@reported/report', { category: 'spam' })).status, 303);
    const report = (web: { url: string }, accessToken: string) =>
      apiFetch(web.url, 'POST', '/api/v1/reports', { token: accessToken, json: { account_id: target.id } });
    assert.equal((await report(b, token.token)).status, 200);
    assert.equal(await reports(), 2);
    // The budget (2) is spent: both surfaces of both processes refuse.
    const onB = await logIn(b.url, '192.0.2.11');
    await onB.get('/@reported/report');
    const page = await onB.post('/@reported/report', { category: 'spam' });
    assert.equal(page.status, 429);
    assert.equal(errorPageOf(page).title, 'Slow down');
    const api = await report(a, token.token);
    assert.equal(api.status, 429);
    assert.deepEqual(api.body, { error: 'Too many requests' });
    assert.equal(await reports(), 2);
    // Someone else may still report.
    const other = await f.token(await f.account({ username: 'witness' }));
    assert.equal((await report(b, other.token)).status, 200);
  });
});

describe('the API budget', () => {
  test('is shared within about a second: counted locally, added up in the database', async () => {
    const { token } = await f.token(await f.account({ username: 'reader' }));
    const read = (web: { url: string }) =>
      apiFetch(web.url, 'GET', '/api/v1/accounts/verify_credentials', { token });
    for (let i = 0; i < 5; i++) assert.equal((await read(a)).status, 200);
    assert.equal((await read(a)).status, 429);
    // The token's counter (the web process keeps only a hash of the token in its key).
    const key = `api:token:${createHash('sha256').update(token).digest('base64url')}`;
    const shared = () => sql.count('SELECT coalesce(sum(count), 0) FROM rate_limits WHERE key = $1', [key]);
    await waitFor(async () => (await shared()) >= 6, 'the first process to send its counts');
    // The second process has not heard of the token yet: its first request passes (the documented
    // approximation), and once it has sent that hit it knows the shared count and refuses.
    assert.equal((await read(b)).status, 200);
    await waitFor(async () => (await shared()) >= 7, 'the second process to send its count');
    let passed = 1;
    await waitFor(async () => {
      if ((await read(b)).status === 429) return true;
      passed++;
      return false;
    }, 'the second process to refuse');
    // Each process alone would have allowed 5.
    assert.ok(passed <= 2, `the second process let ${passed} requests through`);
  });
});

describe('TRUST_PROXY', () => {
  test('unset (the default), X-Forwarded-For is ignored: a new one buys no fresh log-in budget', async () => {
    const direct = await startWeb(databaseUrl, limits);
    // The other tests' attempts came from loopback too (as the direct process sees them).
    await sql.rows('DELETE FROM rate_limits');
    for (let i = 0; i < 3; i++)
      assert.equal((await tryLogin(direct.url, `203.0.113.${100 + i}`, `spoofer${i}`, 'guess')).status, 401);
    const spoofed = await tryLogin(direct.url, '203.0.113.200', 'spoofer3', 'guess');
    assert.equal(spoofed.status, 429);
  });
});
