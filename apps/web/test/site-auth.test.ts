// End to end over HTTP: sign up, log in, log out, and every bad input of those forms (issue 2).
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { testDatabase } from '../../../test/support/database.ts';
import {
  fieldError,
  fieldErrors,
  formErrorText,
  inputValue,
  errorPageOf,
} from '../../../test/support/page-checks.ts';
import { startWeb } from '../../../test/support/processes.ts';
import { fixtures, loggedIn, PASSWORD } from '../../../test/support/fixtures.ts';
import { SiteClient } from '../../../test/support/site-client.ts';
import { sqlClient } from '../../../test/support/sql.ts';

const databaseUrl = await testDatabase();
const web = await startWeb(databaseUrl, { RATE_LIMIT_AUTH: '1000' });
const sql = sqlClient(databaseUrl);
const f = fixtures(databaseUrl);
const accounts = () => sql.count('SELECT count(*) FROM accounts');

/** Fills in the sign-up form as a person would: load the page, post it. */
async function signupForm(client: SiteClient, fields: { username: string; email: string; password: string }) {
  const form = await client.get('/signup');
  assert.equal(form.status, 200);
  return client.post('/signup', fields);
}

describe('sign up', () => {
  test('the page has a labelled form with the CSRF field', async () => {
    const page = await new SiteClient(web.url).get('/signup');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type')!, /^text\/html; charset=utf-8/);
    const form = page.doc.querySelector('form[action="/signup"]')!;
    assert.equal(form.getAttribute('method'), 'post');
    assert.ok(form.querySelector('input[name=_csrf]')?.getAttribute('value'));
    for (const name of ['username', 'email', 'password']) {
      const input = form.querySelector(`input[name=${name}]`)!;
      assert.ok(page.doc.querySelector(`label[for=${input.id}]`), `label for ${name}`);
    }
    assert.equal(page.doc.querySelector('title')!.text, 'Sign up · microposts');
  });

  test('a new account is created, logged in and welcomed', async () => {
    const client = new SiteClient(web.url);
    const done = await signupForm(client, {
      username: 'Newcomer',
      email: 'newcomer@example.com',
      password: PASSWORD,
    });
    assert.equal(done.status, 303);
    assert.equal(done.location, '/');
    const home = await client.get('/');
    assert.match(home.doc.querySelector('.flash')!.text, /Welcome to microposts, @Newcomer!/);
    assert.equal(home.doc.querySelector('a.me')!.text, '@Newcomer');
    assert.ok(home.doc.querySelector('form.compose'));
    const [row] = await sql.rows<{ username: string; email: string; password_hash: string }>(
      "SELECT username, email, password_hash FROM accounts WHERE lower(username) = 'newcomer'",
    );
    assert.equal(row!.username, 'Newcomer');
    assert.equal(row!.email, 'newcomer@example.com');
    assert.match(row!.password_hash, /^\$argon2id\$/);
    // The flash is shown once.
    assert.equal((await client.get('/')).doc.querySelector('.flash'), null);
    // Logged in, /signup and /login send you home.
    assert.equal((await client.get('/signup')).location, '/');
    assert.equal((await client.get('/login')).location, '/');
  });

  test('surrounding spaces of username and e-mail are ignored', async () => {
    const client = new SiteClient(web.url);
    const done = await signupForm(client, {
      username: '  spacey ',
      email: ' spacey@example.com ',
      password: PASSWORD,
    });
    assert.equal(done.status, 303);
    assert.equal(
      await sql.count(
        "SELECT count(*) FROM accounts WHERE username = 'spacey' AND email = 'spacey@example.com'",
      ),
      1,
    );
  });

  const bad: {
    what: string;
    fields: { username: string; email: string; password: string };
    errors: Record<string, string>;
  }[] = [
    {
      what: 'a duplicate username in another case',
      fields: { username: 'OWNER', email: 'other@example.com', password: PASSWORD },
      errors: { username: 'Username is already taken.' },
    },
    {
      what: 'a duplicate e-mail in another case',
      fields: { username: 'someone_else', email: 'Owner@EXAMPLE.com', password: PASSWORD },
      errors: { email: 'E-mail is already registered.' },
    },
    {
      what: 'a malformed e-mail',
      fields: { username: 'mailless', email: 'not-an-address', password: PASSWORD },
      errors: { email: 'E-mail address is not valid.' },
    },
    {
      what: 'an e-mail with a header injection',
      fields: { username: 'injector', email: 'a@example.com\r\nBcc: b@example.com', password: PASSWORD },
      errors: { email: 'E-mail address is not valid.' },
    },
    {
      what: 'forbidden characters in the username',
      fields: { username: 'bad name!', email: 'badname@example.com', password: PASSWORD },
      errors: { username: 'Username may only contain letters, digits and underscores.' },
    },
    {
      what: 'markup in the username',
      fields: { username: '<script>x</script>', email: 'markup@example.com', password: PASSWORD },
      errors: { username: 'Username may only contain letters, digits and underscores.' },
    },
    {
      what: 'a 31-character username',
      fields: { username: 'a'.repeat(31), email: 'long@example.com', password: PASSWORD },
      errors: { username: 'Username must be at most 30 characters.' },
    },
    {
      what: 'a 7-character password',
      fields: { username: 'shortpw', email: 'shortpw@example.com', password: '1234567' },
      errors: { password: 'Password must be at least 8 characters.' },
    },
    {
      what: 'a 257-character password',
      fields: { username: 'longpw', email: 'longpw@example.com', password: 'p'.repeat(257) },
      errors: { password: 'Password must be at most 256 characters.' },
    },
    {
      what: 'an empty form',
      fields: { username: '', email: '', password: '' },
      errors: {
        username: 'Username is required.',
        email: 'E-mail is required.',
        password: 'Password must be at least 8 characters.',
      },
    },
    {
      what: 'a taken username and e-mail with a short password, all at once',
      fields: { username: 'Owner', email: 'OWNER@example.com', password: 'short' },
      errors: {
        username: 'Username is already taken.',
        email: 'E-mail is already registered.',
        password: 'Password must be at least 8 characters.',
      },
    },
    {
      what: 'every field wrong at once',
      fields: { username: 'no spaces please', email: 'x@y', password: 'short' },
      errors: {
        username: 'Username may only contain letters, digits and underscores.',
        email: 'E-mail address is not valid.',
        password: 'Password must be at least 8 characters.',
      },
    },
  ];

  for (const { what, fields, errors } of bad) {
    test(`refuses ${what}: the error next to the field, values kept, nothing written`, async () => {
      if ((await sql.count("SELECT count(*) FROM accounts WHERE username = 'owner'")) === 0) {
        await f.account({ username: 'owner', email: 'owner@example.com' });
      }
      const before = await accounts();
      const client = new SiteClient(web.url);
      const page = await signupForm(client, fields);
      assert.equal(page.status, 422);
      assert.deepEqual(fieldErrors(page), errors);
      for (const [name, message] of Object.entries(errors)) assert.equal(fieldError(page, name), message);
      // What was typed is kept, except the password.
      assert.equal(inputValue(page, 'username'), fields.username);
      assert.equal(inputValue(page, 'email'), fields.email);
      assert.equal(inputValue(page, 'password'), '');
      assert.equal(await accounts(), before);
      // Not logged in, and the form can be sent again from the error page.
      assert.equal(page.doc.querySelector('a.me'), null);
      assert.ok(page.doc.querySelector('form[action="/signup"] input[name=_csrf]')?.getAttribute('value'));
    });
  }

  test('a username with markup is kept escaped in the form, never as markup', async () => {
    const client = new SiteClient(web.url);
    const page = await signupForm(client, {
      username: '"><img src=x onerror=alert(1)>',
      email: 'x"><b>@example.com',
      password: PASSWORD,
    });
    assert.equal(page.status, 422);
    assert.equal(page.doc.querySelectorAll('img').filter((i) => i.getAttribute('src') === 'x').length, 0);
    assert.equal(page.doc.querySelectorAll('b').length, 0);
    assert.equal(inputValue(page, 'username'), '"><img src=x onerror=alert(1)>');
    assert.equal(inputValue(page, 'email'), 'x"><b>@example.com');
  });

  test('without a CSRF token, or with a wrong one: 403 page, nothing written', async () => {
    const before = await accounts();
    for (const csrf of [null, '', 'forged-token', 'a'.repeat(52)]) {
      const client = new SiteClient(web.url);
      await client.get('/signup');
      const page = await client.post(
        '/signup',
        { username: 'csrf_victim', email: 'csrf@example.com', password: PASSWORD },
        { csrf },
      );
      assert.equal(page.status, 403, String(csrf));
      assert.deepEqual(errorPageOf(page), {
        code: '403',
        title: 'Not allowed',
        text: "You can't do that. If you were filling in a form, go back, reload the page and try again.",
      });
    }
    // A token from another visitor's session does not work either.
    const other = new SiteClient(web.url);
    const otherToken = (await other.get('/signup')).doc
      .querySelector('input[name=_csrf]')!
      .getAttribute('value')!;
    const client = new SiteClient(web.url);
    await client.get('/signup');
    const page = await client.post(
      '/signup',
      { username: 'csrf_victim', email: 'csrf@example.com', password: PASSWORD },
      { csrf: otherToken },
    );
    assert.equal(page.status, 403);
    // And a POST with no session at all.
    const fresh = await new SiteClient(web.url).post(
      '/signup',
      { username: 'csrf_victim', email: 'csrf@example.com', password: PASSWORD },
      { csrf: null },
    );
    assert.equal(fresh.status, 403);
    assert.equal(await accounts(), before);
  });
});

describe('log in', () => {
  test('by username in any case, with or without @, or by e-mail; a new session id each time', async () => {
    await f.account({ username: 'LoginUser', email: 'LoginUser@example.com' });
    for (const login of ['LoginUser', 'loginuser', '@LOGINUSER', 'loginuser@EXAMPLE.com', '  LoginUser  ']) {
      const client = new SiteClient(web.url);
      await client.get('/login');
      const before = client.cookieHeader();
      const done = await client.post('/login', { login, password: PASSWORD });
      assert.equal(done.status, 303, login);
      assert.equal(done.location, '/');
      assert.notEqual(client.cookieHeader(), before, 'the session id changes at log-in');
      assert.equal((await client.get('/')).doc.querySelector('a.me')!.text, '@LoginUser');
    }
  });

  test('returns to the page asked for, but only on this site', async () => {
    const client = new SiteClient(web.url);
    const form = await client.get('/login?return_to=%2F%40LoginUser');
    assert.equal(form.doc.querySelector('input[name=return_to]')!.getAttribute('value'), '/@LoginUser');
    const done = await client.post('/login', {
      login: 'LoginUser',
      password: PASSWORD,
      return_to: '/@LoginUser',
    });
    assert.equal(done.location, '/@LoginUser');
    for (const evil of [
      'https://evil.example/',
      '//evil.example/',
      '/\\evil.example',
      'javascript:alert(1)',
      // Browsers drop tabs and newlines from URLs: these would become //evil.example.
      '/\t/evil.example',
      '/\n/evil.example',
      '/\r\n/evil.example',
      ' //evil.example',
    ]) {
      const c = new SiteClient(web.url);
      await c.get('/login');
      const page = await c.post('/login', { login: 'LoginUser', password: PASSWORD, return_to: evil });
      assert.equal(page.location, '/', evil);
    }
  });

  test('a return_to that is not a string is ignored, never an error', async () => {
    for (const query of ['return_to[]=%2Fa', 'return_to[a]=%2Fb', 'return_to=%2Fa&return_to=%2Fb']) {
      const page = await new SiteClient(web.url).get(`/login?${query}`);
      assert.equal(page.status, 200, query);
      const kept = page.doc.querySelector('input[name=return_to]')?.getAttribute('value');
      assert.ok(kept === undefined || kept === '/', `${query}: ${kept}`);
    }
  });

  test('a wrong password and an unknown account get the same message; values kept; no session', async () => {
    const wrong = new SiteClient(web.url);
    await wrong.get('/login');
    const a = await wrong.post('/login', { login: 'LoginUser', password: 'wrong password' });
    const unknown = new SiteClient(web.url);
    await unknown.get('/login');
    const b = await unknown.post('/login', { login: 'nobody_at_all', password: 'wrong password' });
    for (const [page, login] of [
      [a, 'LoginUser'],
      [b, 'nobody_at_all'],
    ] as const) {
      assert.equal(page.status, 401);
      assert.equal(formErrorText(page), 'Incorrect username or password.');
      assert.equal(page.doc.querySelector('.form-error')!.getAttribute('role'), 'alert');
      assert.equal(inputValue(page, 'login'), login);
      assert.equal(inputValue(page, 'password'), '');
      assert.ok(!page.html.includes('wrong password'));
      assert.equal(page.doc.querySelector('a.me'), null);
    }
    assert.equal(
      await sql.count('SELECT count(*) FROM sessions WHERE account_id IS NOT NULL AND data::text LIKE $1', [
        '%nobody%',
      ]),
      0,
    );
  });

  test('empty fields get the same message', async () => {
    const client = new SiteClient(web.url);
    await client.get('/login');
    const page = await client.post('/login', { login: '', password: '' });
    assert.equal(page.status, 401);
    assert.equal(formErrorText(page), 'Incorrect username or password.');
  });

  test('a suspended account is told so, and is not logged in', async () => {
    await f.account({ username: 'suspendme', suspended: true });
    const client = new SiteClient(web.url);
    await client.get('/login');
    const page = await client.post('/login', { login: 'suspendme', password: PASSWORD });
    assert.equal(page.status, 401);
    assert.equal(formErrorText(page), 'This account is suspended.');
    assert.equal((await client.get('/')).doc.querySelector('a.me'), null);
  });

  test('without a CSRF token: 403, not logged in', async () => {
    const client = new SiteClient(web.url);
    await client.get('/login');
    const page = await client.post('/login', { login: 'LoginUser', password: PASSWORD }, { csrf: null });
    assert.equal(page.status, 403);
    assert.equal(errorPageOf(page).code, '403');
    assert.equal((await client.get('/')).doc.querySelector('a.me'), null);
  });
});

describe('log out', () => {
  test('ends the session server-side; the old cookie no longer works', async () => {
    const client = await loggedIn(web.url, await f.account({ username: 'leaver' }));
    const home = await client.get('/');
    const form = home.doc.querySelector('form[action="/logout"]')!;
    assert.ok(form.querySelector('input[name=_csrf]')?.getAttribute('value'));
    const oldCookie = client.cookieHeader();
    const sessionsBefore = await sql.count(
      "SELECT count(*) FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE a.username = 'leaver' AND s.expires_at > now()",
    );
    assert.equal(sessionsBefore, 1);
    const done = await client.post('/logout', {});
    assert.equal(done.status, 303);
    assert.equal(done.location, '/');
    const after = await client.get('/');
    assert.equal(after.doc.querySelector('a.me'), null);
    assert.equal(after.doc.querySelector('form.compose'), null);
    assert.ok(after.doc.querySelector('a[href="/login"]'));
    assert.equal(
      await sql.count(
        "SELECT count(*) FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE a.username = 'leaver' AND s.expires_at > now()",
      ),
      0,
    );
    // Replaying the cookie from before does not bring the session back.
    const replay = await fetch(`${web.url}/`, { headers: { cookie: oldCookie } });
    assert.doesNotMatch(await replay.text(), /@leaver/);
  });

  test('without a CSRF token: 403, still logged in', async () => {
    const client = await loggedIn(web.url, await f.account({ username: 'stayer' }));
    await client.get('/');
    const page = await client.post('/logout', {}, { csrf: null });
    assert.equal(page.status, 403);
    assert.equal((await client.get('/')).doc.querySelector('a.me')!.text, '@stayer');
    const wrong = await client.post('/logout', {}, { csrf: 'nope' });
    assert.equal(wrong.status, 403);
    assert.equal((await client.get('/')).doc.querySelector('a.me')!.text, '@stayer');
  });
});

describe('the session cookie', () => {
  test('is HttpOnly, SameSite=Lax, path /, not Secure over http, and kept for 30 days', async () => {
    const client = new SiteClient(web.url);
    await client.get('/signup');
    const page = await client.post('/signup', {
      username: 'cookie_check',
      email: 'cookie@example.com',
      password: PASSWORD,
    });
    const cookie = page.headers.getSetCookie().find((c) => c.startsWith('microposts_session='))!;
    assert.ok(cookie, 'a session cookie is set');
    assert.match(cookie, /; HttpOnly/i);
    assert.match(cookie, /; SameSite=Lax/i);
    assert.match(cookie, /; Path=\//i);
    assert.doesNotMatch(cookie, /; Secure/i);
    const expires = new Date(/Expires=([^;]+)/i.exec(cookie)![1]!);
    const days = (expires.getTime() - Date.now()) / 86400_000;
    assert.ok(days > 29 && days <= 30, String(days));
    // The database holds a hash of the id, not the id itself.
    const sid = decodeURIComponent(cookie.split(';')[0]!.split('=')[1]!).split('.')[0]!;
    assert.equal(await sql.count('SELECT count(*) FROM sessions WHERE id = $1', [sid]), 0);
  });

  test('a page without a form sets no cookie for a visitor', async () => {
    const res = await fetch(`${web.url}/@cookie_check`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.headers.getSetCookie(), []);
  });
});

describe('visitors who are not logged in store nothing on the server', () => {
  const sessionRows = () => sql.count('SELECT count(*) FROM sessions');

  test('60 cookie-less visits of the log-in, sign-up and password pages write no session row', async () => {
    const before = await sessionRows();
    for (let i = 0; i < 20; i++)
      for (const path of ['/login', '/signup', '/password/forgot']) {
        const res = await fetch(`${web.url}${path}`);
        assert.equal(res.status, 200);
        // The form's CSRF secret is a cookie of its own; no session cookie is handed out.
        const cookies = res.headers.getSetCookie().map((c) => c.split('=')[0]);
        assert.deepEqual(cookies, ['microposts_csrf'], path);
      }
    assert.equal(await sessionRows(), before);
  });

  test('a form refused and shown again, and a wrong password, write no session row either', async () => {
    const before = await sessionRows();
    const client = new SiteClient(web.url);
    await client.get('/signup');
    assert.equal((await client.post('/signup', { username: 'x', email: 'bad', password: 'p' })).status, 422);
    await client.get('/login');
    assert.equal((await client.post('/login', { login: 'nobody_here', password: 'wrong' })).status, 401);
    await client.get('/password/forgot');
    assert.equal((await client.post('/password/forgot', { email: 'nobody@example.com' })).status, 200);
    assert.equal(await sessionRows(), before);
  });

  test('logging in writes one row; logging out ends it and drops the cookie', async () => {
    await f.account({ username: 'one_row' });
    const before = await sessionRows();
    const client = new SiteClient(web.url);
    await client.login('one_row');
    assert.equal(await sessionRows(), before + 1);
    await client.get('/');
    const out = await client.post('/logout', {});
    assert.equal(out.status, 303);
    assert.ok(
      out.headers.getSetCookie().some((c) => /^microposts_session=;.*Expires=Thu, 01 Jan 1970/i.test(c)),
    );
    assert.equal(
      await sql.count(
        "SELECT count(*) FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE a.username = 'one_row' AND s.expires_at > now()",
      ),
      0,
    );
  });

  test('the goodbye after deleting an account is shown once, from a cookie, with no anonymous session', async () => {
    const client = await loggedIn(web.url, await f.account({ username: 'goodbye' }));
    await client.get('/settings');
    const deleted = await client.post('/settings/delete', { password: PASSWORD });
    assert.equal(deleted.status, 303);
    assert.equal(await sql.count('SELECT count(*) FROM sessions WHERE account_id IS NULL'), 0);
    const home = await client.get('/');
    assert.equal(home.doc.querySelector('.flash')?.text, 'Your account @goodbye was deleted. Goodbye!');
    assert.equal((await client.get('/')).doc.querySelector('.flash'), null, 'shown once');
  });

  test('a one-time message cookie that the server did not sign is not shown', async () => {
    const res = await fetch(`${web.url}/login`, {
      headers: { cookie: 'microposts_flash=Send%20your%20password' },
    });
    assert.equal(res.status, 200);
    assert.doesNotMatch(await res.text(), /Send your password/);
  });
});

describe('with an https PUBLIC_URL behind the proxy', async () => {
  const https = await startWeb(databaseUrl, {
    PUBLIC_URL: 'https://micro.example',
    TRUST_PROXY: '127.0.0.1',
  });

  /** Signs up through the proxy's https (or plain http); returns the sign-up answer's cookies. */
  async function signup(username: string, proto: 'https' | 'http') {
    const headers = { 'x-forwarded-proto': proto };
    const form = await fetch(`${https.url}/signup`, { headers });
    assert.equal(form.status, 200);
    const csrfCookie = form.headers.getSetCookie()[0]!;
    const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
    const res = await fetch(`${https.url}/signup`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        ...headers,
        cookie: csrfCookie.split(';')[0]!,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        _csrf: token,
        username,
        email: `${username}@example.com`,
        password: PASSWORD,
      }),
    });
    assert.equal(res.status, 303);
    return { csrfCookie, cookies: res.headers.getSetCookie() };
  }

  test('the CSRF and session cookies are Secure, the CSRF one __Host- prefixed', async () => {
    const { csrfCookie, cookies } = await signup('secure_one', 'https');
    assert.match(csrfCookie, /^__Host-microposts_csrf=/);
    for (const cookie of [csrfCookie, cookies.find((c) => c.startsWith('microposts_session='))]) {
      assert.ok(cookie, 'the cookie is set');
      assert.match(cookie, /; Secure/i);
      assert.match(cookie, /; HttpOnly/i);
      assert.match(cookie, /; SameSite=Lax/i);
      assert.match(cookie, /; Path=\//i);
    }
  });

  test('and the session cookie is never sent over plain http', async () => {
    const { cookies } = await signup('secure_two', 'http');
    assert.equal(cookies.filter((c) => c.startsWith('microposts_session=')).length, 0);
  });
});

describe('rate limits on log-in and sign-up (RATE_LIMIT_AUTH)', async () => {
  const limited = await startWeb(databaseUrl, { RATE_LIMIT_AUTH: '3' });
  // Every process on the database counts in one set of limits: start from none, not from the
  // attempts the other tests of this file made through the first web process.
  before(() => sql.rows('DELETE FROM rate_limits'));

  test('the 4th log-in attempt within 5 minutes gets the 429 page, even with the right password', async () => {
    const client = new SiteClient(limited.url);
    await client.get('/login');
    for (let i = 0; i < 3; i++) {
      const page = await client.post('/login', { login: 'LoginUser', password: 'guess ' + i });
      assert.equal(page.status, 401);
    }
    const page = await client.post('/login', { login: 'LoginUser', password: PASSWORD });
    assert.equal(page.status, 429);
    assert.deepEqual(errorPageOf(page), {
      code: '429',
      title: 'Slow down',
      text: 'Too many attempts. Please wait a few minutes and try again.',
    });
    assert.ok(Number(page.headers.get('retry-after')) > 0);
    assert.equal((await client.get('/')).doc.querySelector('a.me'), null);
  });

  test('the 4th sign-up within 5 minutes gets the 429 page and writes nothing', async () => {
    const client = new SiteClient(limited.url);
    for (let i = 0; i < 3; i++) {
      await client.get('/signup');
      const page = await client.post('/signup', {
        username: `limited${i}`,
        email: 'bad',
        password: PASSWORD,
      });
      assert.equal(page.status, 422);
    }
    const before = await accounts();
    await client.get('/signup');
    const page = await client.post('/signup', {
      username: 'limited_ok',
      email: 'limited@example.com',
      password: PASSWORD,
    });
    assert.equal(page.status, 429);
    assert.equal(errorPageOf(page).title, 'Slow down');
    assert.equal(await accounts(), before);
  });

  test('reading pages is not limited', async () => {
    for (let i = 0; i < 10; i++) assert.equal((await fetch(`${limited.url}/login`)).status, 200);
  });
});
