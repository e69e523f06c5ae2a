// The website's side of visibility, blocks and mutes: the compose form's four visibilities and the
// cards that say who a status is for, the profile's block and mute forms (plain forms, no
// JavaScript), and the lists of blocked and muted accounts in settings. Refusals write nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startApiServer } from '../../../test/support/api-server.ts';
import { fixtures, loggedIn } from '../../../test/support/fixtures.ts';
import { SiteClient } from '../../../test/support/site-client.ts';
import { sqlClient } from '../../../test/support/sql.ts';

const server = await startApiServer();
const f = fixtures(server.app);
const sql = sqlClient(server.app.databaseUrl);
const { services } = server.app;
const relations = () =>
  sql.rows<{ n: string }>(`SELECT (SELECT count(*) FROM blocks) || '/' || (SELECT count(*) FROM mutes) AS n`);

const nora = await f.account({ username: 'nora' });
const otto = await f.account({ username: 'otto' });
const site = await loggedIn(server.url, nora);

test('the compose form posts each visibility; the card says who a status is for', async () => {
  await site.get('/');
  const options = (await site.get('/')).doc.querySelectorAll('select[name=visibility] option');
  assert.deepEqual(
    options.map((o) => o.getAttribute('value')),
    ['public', 'unlisted', 'private', 'direct'],
  );
  const words: Record<string, string | null> = {
    public: null,
    unlisted: 'Unlisted',
    private: 'Followers only',
    direct: 'Mentioned people only',
  };
  for (const [visibility, label] of Object.entries(words)) {
    const sent = await site.post('/statuses', { text: `posted as ${visibility} @otto`, visibility });
    assert.equal(sent.status, 303);
    const [row] = await sql.rows<{ id: string; visibility: string }>(
      `SELECT id, visibility FROM statuses WHERE text = $1`,
      [`posted as ${visibility} @otto`],
    );
    assert.equal(row!.visibility, visibility);
    const card = (await site.get(`/@nora/${row!.id}`)).doc.querySelector(`#s-${row!.id}`)!;
    assert.equal(
      card
        .querySelector('.audience')
        ?.text.trim()
        .replace(/^\S+\s/, '') ?? null,
      label,
      visibility,
    );
  }
});

test('a reply starts as narrow as what it answers; a refused reply keeps the chosen visibility', async () => {
  const secret = await services.statuses.create({
    actorId: otto.id,
    text: '@nora between us',
    visibility: 'direct',
  });
  const page = await site.get(`/@otto/${secret.id}`);
  const selected = page.doc.querySelector('#reply select[name=visibility] option[selected]');
  assert.equal(selected?.getAttribute('value'), 'direct');
  const bad = await site.post('/statuses', { text: '', visibility: 'private', in_reply_to_id: secret.id });
  assert.equal(bad.status, 422);
  assert.equal(
    bad.doc.querySelector('#reply select[name=visibility] option[selected]')?.getAttribute('value'),
    'private',
  );
});

test('block from the profile: the posts go both ways, the follow button goes; unblock from settings', async () => {
  await services.statuses.create({ actorId: otto.id, text: 'otto in public' });
  await f.follow(nora, otto);
  const before = await site.get('/@otto');
  assert.ok(before.doc.querySelector('form[action="/@otto/unfollow"]'));
  assert.ok(before.doc.querySelector('details.more-actions form[action="/@otto/block"]'));
  assert.ok(before.doc.querySelectorAll('article.status').length > 0);
  const blocked = await site.post('/@otto/block', {});
  assert.deepEqual([blocked.status, blocked.location], [303, '/@otto']);
  const after = await site.get('/@otto');
  assert.match(after.doc.querySelector('.flash')!.text, /You blocked @otto\./);
  assert.equal(after.doc.querySelectorAll('article.status').length, 0);
  assert.equal(after.doc.querySelector('form[action="/@otto/follow"], form[action="/@otto/unfollow"]'), null);
  assert.match(after.doc.querySelector('.relation-note')!.text, /You block @otto/);
  const ottoSite = await loggedIn(server.url, otto);
  const seenByOtto = await ottoSite.get('/@nora');
  assert.equal(seenByOtto.doc.querySelectorAll('article.status').length, 0);
  assert.match(seenByOtto.doc.querySelector('.relation-note')!.text, /@nora blocks you/);
  // The list in settings, and Unblock from there comes back to it.
  const list = await site.get('/settings/blocks');
  assert.deepEqual(
    list.doc.querySelectorAll('.account-list .handle').map((h) => h.text),
    ['@otto'],
  );
  const lifted = await site.post('/@otto/unblock', { return_to: '/settings/blocks' });
  assert.deepEqual([lifted.status, lifted.location], [303, '/settings/blocks']);
  assert.match(
    (await site.get('/settings/blocks')).doc.querySelector('.empty')!.text,
    /You do not block anyone/,
  );
  assert.ok(
    (await site.get('/@otto')).doc.querySelector('form[action="/@otto/follow"]'),
    'no follow came back',
  );
});

test('mute from the profile with a duration and without notifications; the list shows its end; unmute', async () => {
  const page = await site.get('/@otto');
  const form = page.doc.querySelector('form.mute-form')!;
  assert.equal(form.getAttribute('action'), '/@otto/mute');
  assert.ok(form.querySelector('select[name=duration] option[value="86400"]'));
  assert.ok(form.querySelector('input[name=notifications][checked]'), 'hiding notifications is the default');
  // An unticked box is not sent.
  const muted = await site.post('/@otto/mute', { duration: '86400' });
  assert.equal(muted.status, 303);
  const rel = (await services.follows.relationships({ actorId: nora.id, targetIds: [otto.id] }))[0]!;
  assert.deepEqual([rel.muting, rel.mutingNotifications], [true, false]);
  const profile = await site.get('/@otto');
  assert.match(profile.doc.querySelector('.relation-note')!.text, /You mute @otto/);
  assert.ok(
    profile.doc.querySelectorAll('article.status').length > 0,
    'a profile still shows a muted account',
  );
  assert.ok(profile.doc.querySelector('form[action="/@otto/unmute"]'));
  const list = await site.get('/settings/mutes');
  assert.match(list.doc.querySelector('.account-list .meta')!.text, /until .* UTC/);
  const unmuted = await site.post('/@otto/unmute', { return_to: '/settings/mutes' });
  assert.deepEqual([unmuted.status, unmuted.location], [303, '/settings/mutes']);
  assert.match(
    (await site.get('/settings/mutes')).doc.querySelector('.empty')!.text,
    /You do not mute anyone/,
  );
});

test('refusals: yourself, a bad duration, no CSRF token, logged out; nothing written', async () => {
  const before = await relations();
  await site.get('/@nora');
  const self = await site.post('/@nora/block', {});
  assert.equal(self.status, 422);
  assert.match(self.html, /You cannot block yourself\./);
  await site.get('/@otto');
  const bad = await site.post('/@otto/mute', { duration: 'forever', notifications: 'on' });
  assert.equal(bad.status, 422);
  assert.match(bad.html, /Duration must be a whole number of seconds/);
  const forged = await site.post('/@otto/block', {}, { csrf: null });
  assert.equal(forged.status, 403);
  const visitor = new SiteClient(server.url);
  await visitor.get('/login'); // a page with a form, so the post carries a CSRF token
  const anonymous = await visitor.post('/@otto/block', {});
  assert.equal(anonymous.status, 303);
  assert.match(anonymous.location!, /^\/login/);
  assert.equal((await site.post('/@nobody/block', {})).status, 404);
  assert.deepEqual(await relations(), before);
});
