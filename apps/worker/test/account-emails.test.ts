// Address confirmation and password reset, end to end: the website (web process), the queue, a
// worker process and a real SMTP server; links are followed as a person would.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ParsedMail } from 'mailparser';
import { testDatabase } from '../../../test/support/database.ts';
import { startWeb, startWorker } from '../../../test/support/processes.ts';
import { waitFor } from '../../../test/support/wait.ts';
import { SiteClient } from '../../../test/support/site-client.ts';
import { startSmtp } from '../../../test/support/smtp.ts';
import { fixtures, loggedIn } from '../../../test/support/fixtures.ts';
import { sqlClient } from '../../../test/support/sql.ts';
import { queuedJobs } from './support.ts';

const url = await testDatabase();
const sql = sqlClient(url);
const f = fixtures(url);
const smtp = await startSmtp();
const web = await startWeb(url, { SMTP_URL: smtp.url });
startWorker(url, { SMTP_URL: smtp.url, PUBLIC_URL: web.url });

const INVALID_CONFIRMATION = 'This confirmation link is invalid, was already used or has expired.';
const INVALID_RESET = 'This password reset link is invalid, was already used or has expired.';

/** Waits for the n-th e-mail to an address and returns it. */
const nthMail = (address: string, n: number): Promise<ParsedMail> =>
  waitFor(() => smtp.to(address)[n - 1], `e-mail ${n} to ${address}`);

/** The path and query of the first link to this site in an e-mail's text part. */
function linkIn(mail: ParsedMail, path: string): string {
  const match = new RegExp(`${web.url.replace(/[.]/g, '\\.')}(${path}\\?token=[\\w-]+)`).exec(
    mail.text ?? '',
  );
  assert.ok(match, `no ${path} link in:\n${mail.text}`);
  return match[1]!;
}

const errorText = (page: { doc: { querySelector(s: string): { text: string } | null } }) =>
  page.doc.querySelector('.error')?.text.trim();

describe('address confirmation', () => {
  test('sign-up sends a confirmation link; the banner offers a resend until the link is opened', async () => {
    const site = new SiteClient(web.url);
    await site.signup('newbie');
    const home = await site.get('/');
    assert.match(
      home.doc.querySelector('.confirm-banner')!.text,
      /Please confirm your e-mail address, newbie@example\.com/,
    );
    const mail = await nthMail('newbie@example.com', 1);
    assert.equal(mail.subject, 'Confirm your e-mail address for microposts');
    assert.ok(typeof mail.html === 'string' && mail.html.includes('/email/confirm?token='));
    const link = linkIn(mail, '/email/confirm');

    // Resend: a second e-mail with a new link.
    const resent = await site.post('/email/confirm/resend', {});
    assert.equal(resent.status, 303);
    const second = await nthMail('newbie@example.com', 2);
    const link2 = linkIn(second, '/email/confirm');
    assert.notEqual(link2, link);

    const confirmed = await site.get(link2);
    assert.equal(confirmed.status, 303);
    const after = await site.get('/');
    assert.equal(after.doc.querySelector('.confirm-banner'), null);
    assert.match(after.doc.querySelector('.flash')!.text, /your e-mail address is confirmed/);
    assert.equal(
      await sql.count(
        `SELECT count(*) FROM accounts WHERE username = 'newbie' AND email_confirmed_at IS NOT NULL`,
      ),
      1,
    );

    // Reused link: refused.
    const reused = await site.get(link2);
    assert.equal(reused.status, 422);
    assert.equal(errorText(reused), INVALID_CONFIRMATION);
    // Resending once confirmed: says so, sends nothing.
    await site.get('/');
    await site.post('/email/confirm/resend', {});
    assert.match((await site.get('/')).doc.querySelector('.flash')!.text, /already confirmed/);
    await waitFor(async () => (await queuedJobs(sql)) === 0, 'the queue to drain');
    assert.equal(smtp.to('newbie@example.com').length, 2);
  });

  test('bad and expired confirmation links are refused and confirm nothing', async () => {
    const site = new SiteClient(web.url);
    await site.signup('latecomer');
    const link = linkIn(await nthMail('latecomer@example.com', 1), '/email/confirm');
    for (const bad of [
      '/email/confirm',
      '/email/confirm?token=nonsense',
      `${link}x`,
      // one character changed (to one it is not already)
      link.replace(/token=(.)/, (_, c: string) => `token=${c === 'A' ? 'B' : 'A'}`),
    ]) {
      const page = await site.get(bad);
      assert.equal(page.status, 422, bad);
      assert.equal(errorText(page), INVALID_CONFIRMATION);
    }
    await sql.rows(`UPDATE account_tokens SET expires_at = now() - interval '1 second'
                    WHERE account_id = (SELECT id FROM accounts WHERE username = 'latecomer')`);
    const expired = await site.get(link);
    assert.equal(expired.status, 422);
    assert.equal(errorText(expired), INVALID_CONFIRMATION);
    assert.equal(
      await sql.count(
        `SELECT count(*) FROM accounts WHERE username = 'latecomer' AND email_confirmed_at IS NULL`,
      ),
      1,
    );
  });

  test('resending needs a logged-in session and a CSRF token', async () => {
    const anonymous = new SiteClient(web.url);
    await anonymous.get('/login');
    const page = await anonymous.post('/email/confirm/resend', {});
    assert.equal(page.status, 303);
    assert.match(page.location!, /^\/login/);
    const site = new SiteClient(web.url);
    await site.signup('forgetful');
    await nthMail('forgetful@example.com', 1);
    const noToken = await site.post('/email/confirm/resend', {}, { csrf: null });
    assert.equal(noToken.status, 403);
  });
});

describe('password reset', () => {
  test('the form answers the same for known and unknown addresses, and only a known one gets a link', async () => {
    await f.account({ username: 'resetme' });
    const site = new SiteClient(web.url);
    const form = await site.get('/password/forgot');
    assert.ok(form.doc.querySelector('form[action="/password/forgot"] input[name=_csrf]'));
    const unknown = await site.post('/password/forgot', { email: 'nobody@example.com' });
    await site.get('/password/forgot');
    const known = await site.post('/password/forgot', { email: 'ReSetMe@example.com' });
    assert.equal(unknown.status, 200);
    assert.equal(known.status, 200);
    const text = (p: typeof known) =>
      p.doc.querySelector('main')!.text.replace(/\S+@example\.com/i, 'ADDRESS');
    assert.equal(text(unknown), text(known));
    await nthMail('resetme@example.com', 1);
    await waitFor(async () => (await queuedJobs(sql)) === 0, 'the queue to drain');
    assert.equal(smtp.to('nobody@example.com').length, 0);
    assert.equal(
      await sql.count(`SELECT count(*) FROM account_tokens WHERE email = 'nobody@example.com'`),
      0,
    );
  });

  test('a malformed address is an error next to the field, and nothing is written', async () => {
    const site = new SiteClient(web.url);
    await site.get('/password/forgot');
    const before = await sql.count(`SELECT count(*) FROM account_tokens`);
    const page = await site.post('/password/forgot', { email: 'not-an-address' });
    assert.equal(page.status, 422);
    assert.equal(page.doc.querySelector('#field-email-error')!.text, 'E-mail address is not valid.');
    assert.equal(page.doc.querySelector('#field-email')!.getAttribute('value'), 'not-an-address');
    assert.equal(await sql.count(`SELECT count(*) FROM account_tokens`), before);
  });

  test('the link sets a new password once, ends every session, and cannot be reused', async () => {
    // Not confirmed yet: following the reset link confirms the address too.
    const rita = await f.account({ username: 'rita', password: 'old password here', confirmed: false });
    const owner = await loggedIn(web.url, rita);
    const other = await loggedIn(web.url, rita);
    assert.ok((await other.get('/')).doc.querySelector('a.me'));

    const site = new SiteClient(web.url);
    await site.get('/password/forgot');
    await site.post('/password/forgot', { email: 'rita@example.com' });
    const mail = await waitFor(
      () => smtp.to('rita@example.com').find((m) => m.subject === 'Reset your microposts password'),
      'the reset e-mail',
    );
    assert.equal(mail.messageId!.startsWith('<reset.'), true);
    const link = linkIn(mail, '/password/reset');
    const form = await site.get(link);
    assert.equal(form.status, 200);
    const token = form.doc.querySelector('input[name=token]')!.getAttribute('value')!;

    // Too short: an error next to the field, the link still works.
    const short = await site.post('/password/reset', { token, password: 'short' });
    assert.equal(short.status, 422);
    assert.match(short.doc.querySelector('#field-password-error')!.text, /at least 8/);
    assert.equal((await site.get(link)).status, 200);

    const done = await site.post('/password/reset', { token, password: 'brand new password' });
    assert.equal(done.status, 303);
    assert.equal(done.location, '/login');
    // Every session of the account ended.
    assert.equal((await other.get('/')).doc.querySelector('a.me'), null);
    assert.equal((await owner.get('/')).doc.querySelector('a.me'), null);
    assert.equal((await site.login('rita', 'old password here')).status, 401);
    assert.equal((await new SiteClient(web.url).login('rita', 'brand new password')).status, 303);
    // The link reached the address: it counts as confirmed.
    assert.equal(
      await sql.count(
        `SELECT count(*) FROM accounts WHERE username = 'rita' AND email_confirmed_at IS NOT NULL`,
      ),
      1,
    );

    // Reused: refused, on the page and on the form.
    const again = await site.get(link);
    assert.equal(again.status, 422);
    assert.equal(errorText(again), INVALID_RESET);
    await site.get('/password/forgot');
    const reuse = await site.post('/password/reset', { token, password: 'another new password' });
    assert.equal(reuse.status, 422);
    assert.equal(errorText(reuse), INVALID_RESET);
    assert.equal((await new SiteClient(web.url).login('rita', 'another new password')).status, 401);
  });

  test('bad and expired reset links are refused and change nothing', async () => {
    await f.account({ username: 'tardy' });
    const hash = () => sql.rows(`SELECT password_hash FROM accounts WHERE username = 'tardy'`);
    const before = await hash();
    const site = new SiteClient(web.url);
    await site.get('/password/forgot');
    await site.post('/password/forgot', { email: 'tardy@example.com' });
    const link = linkIn(await nthMail('tardy@example.com', 1), '/password/reset');
    const token = new URL(link, web.url).searchParams.get('token')!;
    const changed = `${token[0] === 'A' ? 'B' : 'A'}${token.slice(1)}`; // one character changed
    for (const bad of ['', 'nonsense', `${token}x`, changed]) {
      const page = await site.get(`/password/reset?token=${bad}`);
      assert.equal(page.status, 422, bad);
      assert.equal(errorText(page), INVALID_RESET);
    }
    await sql.rows(
      `UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE email = 'tardy@example.com'`,
    );
    assert.equal((await site.get(link)).status, 422);
    await site.get('/password/forgot');
    const post = await site.post('/password/reset', { token, password: 'a fine new password' });
    assert.equal(post.status, 422);
    assert.equal(errorText(post), INVALID_RESET);
    assert.deepEqual(await hash(), before, 'the password is unchanged');
  });
});
