// End-to-end over HTTP: /settings and each of its forms, with exact errors and nothing written.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { testDatabase } from '../../../test/support/database.ts';
import { startWeb } from '../../../test/support/processes.ts';
import { fixtures, loggedIn, PASSWORD } from '../../../test/support/fixtures.ts';
import { SiteClient } from '../../../test/support/site-client.ts';

const databaseUrl = await testDatabase();
const web = await startWeb(databaseUrl);
const f = fixtures(databaseUrl);

/** A new account, logged in on the website. */
const person = async (username: string) => loggedIn(web.url, await f.account({ username }));
const fieldError = (page: { doc: { querySelector(s: string): { text: string } | null } }, name: string) =>
  page.doc.querySelector(`#field-${name}-error`)?.text;

describe('access', () => {
  test('logged out: /settings and every form redirect to log in, nothing changes', async () => {
    const anon = new SiteClient(web.url);
    const page = await anon.get('/settings');
    assert.equal(page.status, 303);
    assert.equal(page.location, '/login?return_to=%2Fsettings');
    await anon.get('/login');
    for (const path of ['/settings/profile', '/settings/email', '/settings/password', '/settings/delete']) {
      const r = await anon.post(path, { display_name: 'x', password: PASSWORD });
      assert.equal(r.status, 303, path);
      assert.match(r.location ?? '', /^\/login/);
    }
  });

  test('a form without the CSRF token is refused and changes nothing', async () => {
    const c = await person('csrfperson');
    await c.get('/settings');
    const r = await c.post('/settings/profile', { display_name: 'Changed', bio: '' }, { csrf: null });
    assert.equal(r.status, 403);
    const page = await c.get('/settings');
    assert.equal(page.doc.querySelector('#field-display_name')?.getAttribute('value'), '');
  });

  test('the page has each section, and a place for authorized apps', async () => {
    const c = await person('sectionsperson');
    const page = await c.get('/settings');
    assert.equal(page.status, 200);
    // Each form posts back to its own section, so an error shows where the person was.
    for (const section of ['profile', 'email', 'password', 'delete'])
      assert.ok(
        page.doc.querySelector(`form[action="/settings/${section}#${section}"] input[name=_csrf]`),
        section,
      );
    assert.ok(page.doc.querySelector('#apps a[href="/settings/apps"]'));
  });
});

describe('profile', () => {
  test('saves display name and bio; the bio renders like status text on the profile', async () => {
    const c = await person('profileperson');
    await f.account({ username: 'friendly' });
    await c.get('/settings');
    const r = await c.post('/settings/profile', {
      display_name: 'Pro File',
      bio: 'Hello <i>you</i> @friendly #Bios',
    });
    assert.equal(r.status, 303);
    assert.equal(r.location, '/settings#profile');
    const page = await c.get('/settings');
    assert.equal(page.doc.querySelector('.flash')?.text, 'Your profile was saved.');
    assert.equal(page.doc.querySelector('#field-display_name')?.getAttribute('value'), 'Pro File');
    assert.equal(page.doc.querySelector('#field-bio')?.text.trim(), 'Hello <i>you</i> @friendly #Bios');
    const profile = await c.get('/@profileperson');
    assert.equal(profile.doc.querySelector('h1')?.text, 'Pro File');
    const bio = profile.doc.querySelector('.bio')!;
    assert.equal(bio.querySelector('a.mention')?.getAttribute('href'), `${web.url}/@friendly`);
    assert.equal(bio.querySelector('a.hashtag')?.getAttribute('href'), `${web.url}/tags/bios`);
    assert.equal(bio.querySelector('i'), null);
    assert.match(bio.innerHTML, /Hello &lt;i&gt;you&lt;\/i&gt;/);
  });

  test('too long: errors next to the fields, typed values kept, nothing saved', async () => {
    const c = await person('longperson');
    await c.get('/settings');
    const long = { display_name: 'n'.repeat(31), bio: 'b'.repeat(501) };
    const r = await c.post('/settings/profile', long);
    assert.equal(r.status, 422);
    assert.equal(fieldError(r, 'display_name'), 'Display name must be at most 30 characters.');
    assert.equal(fieldError(r, 'bio'), 'Bio must be at most 500 characters.');
    assert.equal(r.doc.querySelector('#field-display_name')?.getAttribute('value'), long.display_name);
    assert.equal(r.doc.querySelector('#field-bio')?.text.trim(), long.bio);
    const page = await c.get('/settings');
    assert.equal(page.doc.querySelector('#field-display_name')?.getAttribute('value'), '');
  });
});

describe('e-mail preferences', () => {
  test('mention e-mails on by default, can be turned off and on', async () => {
    const c = await person('mailperson');
    const box = async () =>
      (await c.get('/settings')).doc.querySelector('#field-mention_emails')?.getAttribute('checked') !==
      undefined;
    assert.equal(await box(), true);
    const off = await c.post('/settings/email', {});
    assert.equal(off.status, 303);
    assert.equal(await box(), false);
    await c.post('/settings/email', { mention_emails: 'on' });
    assert.equal(await box(), true);
  });
});

describe('password', () => {
  test('wrong current password: exact error, nothing changed, other sessions kept', async () => {
    const c = await person('pwperson');
    const other = new SiteClient(web.url);
    await other.login('pwperson', PASSWORD);
    await c.get('/settings');
    const r = await c.post('/settings/password', {
      current_password: 'not my password',
      new_password: 'brand new password',
    });
    assert.equal(r.status, 422);
    assert.equal(fieldError(r, 'current_password'), 'Current password is incorrect.');
    assert.equal(r.doc.querySelector('#field-current_password')?.getAttribute('value'), '');
    assert.equal((await other.get('/settings')).status, 200);
    const fresh = new SiteClient(web.url);
    assert.equal((await fresh.login('pwperson', PASSWORD)).status, 303);
  });

  test('a too short new password: exact error', async () => {
    const c = await person('shortpw');
    await c.get('/settings');
    const r = await c.post('/settings/password', { current_password: PASSWORD, new_password: 'short' });
    assert.equal(r.status, 422);
    assert.equal(fieldError(r, 'new_password'), 'Password must be at least 8 characters.');
  });

  test('changes the password, keeps this session, ends the others', async () => {
    const c = await person('changer');
    const other = new SiteClient(web.url);
    await other.login('changer', PASSWORD);
    assert.equal((await other.get('/settings')).status, 200);
    await c.get('/settings');
    const r = await c.post('/settings/password', {
      current_password: PASSWORD,
      new_password: 'brand new password',
    });
    assert.equal(r.status, 303);
    const page = await c.get('/settings');
    assert.equal(page.status, 200);
    assert.equal(
      page.doc.querySelector('.flash')?.text,
      'Your password was changed. Every other session was logged out and your authorized apps were signed out.',
    );
    assert.equal((await other.get('/settings')).status, 303);
    const old = new SiteClient(web.url);
    assert.equal((await old.login('changer', PASSWORD)).status, 401);
    assert.equal((await old.login('changer', 'brand new password')).status, 303);
  });
});

describe('delete account', () => {
  test('wrong password: exact error, nothing deleted', async () => {
    const c = await person('keeper');
    await c.get('/');
    await c.post('/statuses', { text: 'I stay' });
    await c.get('/settings');
    const r = await c.post('/settings/delete', { password: 'wrong password' });
    assert.equal(r.status, 422);
    assert.equal(fieldError(r, 'password'), 'Password is incorrect.');
    assert.equal((await new SiteClient(web.url).get('/@keeper')).status, 200);
  });

  test('deletes the account and its posts, logs out', async () => {
    const c = await person('leaver');
    await c.get('/');
    await c.post('/statuses', { text: 'goodbye world #leaving' });
    await c.get('/settings');
    const r = await c.post('/settings/delete', { password: PASSWORD });
    assert.equal(r.status, 303);
    assert.equal(r.location, '/');
    const home = await c.get('/');
    assert.equal(home.doc.querySelector('.flash')?.text, 'Your account @leaver was deleted. Goodbye!');
    assert.ok(home.doc.querySelector('a[href="/login"]'));
    assert.equal((await c.get('/settings')).status, 303);
    const anon = new SiteClient(web.url);
    assert.equal((await anon.get('/@leaver')).status, 404);
    assert.doesNotMatch((await anon.get('/')).html, /goodbye world/);
    assert.equal((await anon.login('leaver', PASSWORD)).status, 401);
  });
});
