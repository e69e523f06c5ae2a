// End to end over HTTP: follow and unfollow from a profile, follower lists, the home timeline and its
// switch to /public, threads and reply forms, favourite buttons, notifications and the header badge.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { testDatabase } from '../../../test/support/database.ts';
import { composeState, errorPageOf } from '../../../test/support/page-checks.ts';
import { startWeb } from '../../../test/support/processes.ts';
import { fixtures, loggedIn } from '../../../test/support/fixtures.ts';
import { SiteClient, type Page } from '../../../test/support/site-client.ts';
import { sqlClient } from '../../../test/support/sql.ts';

const databaseUrl = await testDatabase();
const web = await startWeb(databaseUrl, { RATE_LIMIT_AUTH: '1000' });
const sql = sqlClient(databaseUrl);
const counts = async () => ({
  follows: await sql.count('SELECT count(*) FROM follows'),
  favourites: await sql.count('SELECT count(*) FROM favourites'),
  notifications: await sql.count('SELECT count(*) FROM notifications'),
  statuses: await sql.count('SELECT count(*) FROM statuses'),
});

const f = fixtures(databaseUrl);
const alice = await loggedIn(web.url, await f.account({ username: 'alice' }));
const bob = await loggedIn(web.url, await f.account({ username: 'bob' }));
const carolAccount = await f.account({ username: 'carol' });
const carol = await loggedIn(web.url, carolAccount);
const visitor = new SiteClient(web.url);

async function post(client: SiteClient, text: string, inReplyToId?: string): Promise<string> {
  await client.get('/');
  const page = await client.post('/statuses', {
    text,
    visibility: 'public',
    ...(inReplyToId ? { in_reply_to_id: inReplyToId } : {}),
  });
  assert.equal(page.status, 303, composeState(page).error);
  const [row] = await sql.rows<{ id: string }>('SELECT max(id)::text AS id FROM statuses');
  return row!.id;
}

const texts = (page: Page) => page.doc.querySelectorAll('article.status .content').map((c) => c.text.trim());
const badge = (page: Page) => page.doc.querySelector('.site-header .badge')?.text.trim();
const statusArticle = (page: Page, id: string) => page.doc.querySelector(`#s-${id}`);

describe('follow from a profile', () => {
  test('the button follows, the counts and lists show it, unfollow undoes it', async () => {
    const profile = await alice.get('/@bob');
    assert.equal(profile.status, 200);
    const form = profile.doc.querySelector('form.follow-form');
    assert.equal(form?.getAttribute('action'), '/@bob/follow');
    assert.equal(form?.querySelector('button')?.text.trim(), 'Follow');
    assert.ok(form?.querySelector('input[name=_csrf]'));

    const followed = await alice.post('/@bob/follow', {});
    assert.equal(followed.status, 303);
    assert.equal(followed.location, '/@bob');
    const after = await alice.get('/@bob');
    assert.equal(after.doc.querySelector('form.follow-form button')?.text.trim(), 'Unfollow');
    assert.equal(after.doc.querySelector('.flash')?.text.trim(), 'You are following @bob.');
    const tabs = after.doc.querySelectorAll('.profile-tabs a').map((a) => a.text.replace(/\s+/g, ' ').trim());
    assert.deepEqual(tabs, ['0 Posts', '0 Following', '1 Follower']);

    const followers = await visitor.get('/@bob/followers');
    assert.equal(followers.status, 200);
    assert.deepEqual(
      followers.doc.querySelectorAll('.account-list .handle').map((h) => h.text),
      ['@alice'],
    );
    const following = await visitor.get('/@alice/following');
    assert.deepEqual(
      following.doc.querySelectorAll('.account-list .handle').map((h) => h.text),
      ['@bob'],
    );
    // Bob sees that Alice follows him, and the follow notification.
    const bobView = await bob.get('/@alice');
    assert.equal(bobView.doc.querySelector('.badge-note')?.text.trim(), 'Follows you');
    assert.equal(badge(bobView), '1');

    const before = await counts();
    assert.equal((await alice.post('/@bob/follow', {})).status, 303, 'following again is harmless');
    assert.deepEqual(await counts(), before);

    await alice.get('/@bob');
    assert.equal((await alice.post('/@bob/unfollow', {})).status, 303);
    assert.equal(await sql.count('SELECT count(*) FROM follows'), before.follows - 1);
    assert.equal(await sql.count("SELECT count(*) FROM notifications WHERE type = 'follow'"), 0);
    await alice.get('/@bob');
    await alice.post('/@bob/follow', {});
  });

  test('no button on your own profile or logged out; bad follows are refused and write nothing', async () => {
    assert.equal((await alice.get('/@alice')).doc.querySelector('form.follow-form'), null);
    assert.equal((await visitor.get('/@alice')).doc.querySelector('form.follow-form'), null);
    const before = await counts();

    await alice.get('/@alice');
    const self = await alice.post('/@alice/follow', {});
    assert.equal(self.status, 422);
    assert.equal(errorPageOf(self).text, 'You cannot follow yourself.');

    await alice.get('/@alice');
    const missing = await alice.post('/@nobody/follow', {});
    assert.equal(missing.status, 404);

    // Logged out: the form needs a session, so the CSRF check refuses it before anything else.
    const anonymous = await visitor.post('/@alice/follow', {}, { csrf: null });
    assert.equal(anonymous.status, 403);
    const noCsrf = await carol.post('/@alice/follow', {}, { csrf: 'forged' });
    assert.equal(noCsrf.status, 403);
    assert.deepEqual(await counts(), before);
  });

  test('follower lists paginate with an "Older" link', async () => {
    for (let i = 0; i < 3; i++) await f.follow(await f.account({ username: `fan${i}` }), carolAccount);
    // 40 per page: use a raw limit-free check of the cursor instead (max_id is the follow id).
    const page = await visitor.get('/@carol/followers');
    assert.deepEqual(
      page.doc.querySelectorAll('.account-list .handle').map((h) => h.text),
      ['@fan2', '@fan1', '@fan0'],
    );
    const [row] = await sql.rows<{ id: string }>(
      "SELECT f.id::text FROM follows f JOIN accounts a ON a.id = f.account_id WHERE a.username = 'fan1'",
    );
    const older = await visitor.get(`/@carol/followers?max_id=${row!.id}`);
    assert.deepEqual(
      older.doc.querySelectorAll('.account-list .handle').map((h) => h.text),
      ['@fan0'],
    );
    assert.equal((await visitor.get('/@nobody/followers')).status, 404);
  });
});

describe('home timeline', () => {
  test('/ shows own and followed posts with tabs; /public shows everyone', async () => {
    await post(bob, 'bob was here');
    await post(carol, 'carol is not followed');
    await post(alice, 'alice at home');
    const home = await alice.get('/');
    assert.deepEqual(texts(home), ['alice at home', 'bob was here']);
    const tabs = home.doc.querySelectorAll('.timeline-tabs a');
    assert.deepEqual(
      tabs.map((a) => [a.getAttribute('href'), a.getAttribute('aria-current')]),
      [
        ['/', 'page'],
        ['/public', undefined],
      ],
    );
    const pub = await alice.get('/public');
    assert.deepEqual(texts(pub), ['alice at home', 'carol is not followed', 'bob was here']);
    assert.equal(
      pub.doc.querySelector('.timeline-tabs a[aria-current=page]')?.getAttribute('href'),
      '/public',
    );
    const anon = await visitor.get('/public');
    assert.equal(anon.status, 200);
    assert.equal(texts(anon).length, 3);
    assert.equal(anon.doc.querySelector('.timeline-tabs'), null);
    assert.deepEqual(texts(await visitor.get('/')), texts(anon));
  });
});

describe('threads and replies', () => {
  test('the status page shows ancestors, the reply form pre-filled, and replies in order', async () => {
    const root = await post(bob, 'root post @carol');
    const page = await alice.get(`/@bob/${root}`);
    const form = page.doc.querySelector('form#reply');
    assert.ok(form, 'a reply form');
    assert.equal(form.querySelector('input[name=in_reply_to_id]')?.getAttribute('value'), root);
    assert.equal(composeState(page).text, '@bob @carol ');
    const card = statusArticle(page, root)!;
    assert.equal(card.querySelector('a.reply')?.getAttribute('href'), `/@bob/${root}#reply`);

    const r1 = await post(alice, '@bob first reply', root);
    const r11 = await post(bob, '@alice nested', r1);
    const r2 = await post(carol, '@bob second reply', root);
    const thread = await visitor.get(`/@alice/${r1}`);
    assert.deepEqual(
      thread.doc.querySelectorAll('.ancestors article').map((a) => a.id),
      [`s-${root}`],
    );
    assert.equal(thread.doc.querySelector('.focus article')?.id, `s-${r1}`);
    assert.ok(thread.doc.querySelector('.reply-login'), 'logged out: a log-in link instead of the form');
    const top = await visitor.get(`/@bob/${root}`);
    assert.deepEqual(
      top.doc
        .querySelectorAll('.descendants .thread-reply')
        .map((d) => [d.querySelector('article')!.id, d.classList.value.join(' ')]),
      [
        [`s-${r1}`, 'thread-reply depth-1'],
        [`s-${r11}`, 'thread-reply depth-2'],
        [`s-${r2}`, 'thread-reply depth-1'],
      ],
    );
    assert.match(statusArticle(top, root)!.querySelector('a.reply .visually-hidden')!.text, /2 replies/);
    // Replying from your own status does not name yourself.
    const own = await bob.get(`/@bob/${root}`);
    assert.equal(composeState(own).text, '@carol ');
  });

  test('a bad reply shows the error under the reply form and keeps the text; a missing parent writes nothing', async () => {
    const root = await post(bob, 'reply to me');
    const before = await counts();
    await alice.get(`/@bob/${root}`);
    const tooLong = await alice.post('/statuses', { text: 'x'.repeat(501), in_reply_to_id: root });
    assert.equal(tooLong.status, 422);
    assert.ok(tooLong.doc.querySelector('form#reply'));
    assert.match(composeState(tooLong).error!, /Text is too long/);
    assert.equal(composeState(tooLong).text, 'x'.repeat(501));

    const gone = await post(bob, 'to be deleted');
    await bob.get(`/@bob/${gone}`);
    await bob.post(`/@bob/${gone}/delete`, {});
    const before2 = await counts();
    for (const parent of [gone, '12345']) {
      await alice.get('/');
      const page = await alice.post('/statuses', { text: 'hello?', in_reply_to_id: parent });
      assert.equal(page.status, 422);
      assert.equal(composeState(page).error, 'The status you replied to does not exist.');
      assert.equal(composeState(page).text, 'hello?');
    }
    assert.deepEqual(await counts(), before2);
    assert.equal(
      before2.statuses,
      before.statuses,
      'the too-long reply wrote nothing (one post made, one deleted)',
    );
  });
});

describe('favourites', () => {
  test('favourite and unfavourite buttons, counts, idempotent, notification', async () => {
    const id = await post(carol, 'favourite me');
    const page = await alice.get('/public');
    const form = statusArticle(page, id)!.querySelector('form[action$=favourite]')!;
    assert.equal(form.getAttribute('action'), `/@carol/${id}/favourite`);
    assert.equal(form.querySelector('button')?.getAttribute('aria-pressed'), 'false');
    const faved = await alice.post(`/@carol/${id}/favourite`, { return_to: `/public#s-${id}` });
    assert.equal(faved.status, 303);
    assert.equal(faved.location, `/public#s-${id}`);
    const again = await alice.get('/public');
    const button = statusArticle(again, id)!.querySelector('form button.favourite')!;
    assert.equal(button.getAttribute('aria-pressed'), 'true');
    assert.equal(button.querySelector('.visually-hidden')!.text, 'Unfavourite (1 favourite)');
    assert.equal(
      statusArticle(again, id)!.querySelector('form[action*=favourite]')!.getAttribute('action'),
      `/@carol/${id}/unfavourite`,
    );

    const before = await counts();
    await alice.post(`/@carol/${id}/favourite`, {});
    assert.deepEqual(await counts(), before, 'a second favourite writes nothing');
    // Logged out: the count, no button.
    const anon = await visitor.get(`/@carol/${id}`);
    assert.equal(statusArticle(anon, id)!.querySelector('form'), null);
    assert.equal(statusArticle(anon, id)!.querySelector('.favourite .visually-hidden')!.text, '1 favourite');

    const notes = await carol.get('/notifications');
    const item = notes.doc.querySelector('.notification-favourite');
    assert.ok(item);
    assert.match(item.text, /alice\s+favourited your post/);

    await alice.get('/public');
    const un = await alice.post(`/@carol/${id}/unfavourite`, { return_to: '//evil.example/' });
    assert.equal(un.location, '/');
    assert.equal(await sql.count('SELECT count(*) FROM favourites WHERE status_id = $1', [id]), 0);
    assert.equal(
      await sql.count("SELECT count(*) FROM notifications WHERE type = 'favourite' AND status_id = $1", [id]),
      0,
    );
  });

  test('favouriting a missing status or without logging in writes nothing', async () => {
    const before = await counts();
    await alice.get('/');
    assert.equal((await alice.post('/@carol/99999/favourite', {})).status, 404);
    const anon = await visitor.post('/@carol/99999/favourite', {}, { csrf: null });
    assert.equal(anon.status, 403);
    // A logged-in person without a valid token is refused too.
    const forged = await bob.post(`/@carol/99999/favourite`, {}, { csrf: 'forged' });
    assert.equal(forged.status, 403);
    assert.deepEqual(await counts(), before);
  });
});

describe('notifications', () => {
  test('a mention shows in /notifications, the badge counts unread ones, viewing marks them read', async () => {
    const reader = await loggedIn(web.url, await f.account({ username: 'reader' }));
    assert.equal(badge(await reader.get('/')), undefined);
    await post(bob, 'hello @reader');
    await post(carol, '@reader @reader twice in one post');
    await post(reader, 'talking to myself @reader');
    assert.equal(badge(await reader.get('/')), '2');
    const page = await reader.get('/notifications');
    assert.equal(page.status, 200);
    assert.equal(badge(page), undefined, 'viewing marks them read');
    const items = page.doc.querySelectorAll('.notification');
    assert.equal(items.length, 2);
    assert.ok(
      items.every((i) => i.classList.contains('unread')),
      'shown as new this once',
    );
    assert.deepEqual(
      items.map((i) => i.querySelector('.content')!.text.trim()),
      ['@reader @reader twice in one post', 'hello @reader'],
    );
    const again = await reader.get('/notifications');
    assert.equal(again.doc.querySelectorAll('.notification.unread').length, 0);
    assert.equal(
      await sql.count(
        "SELECT count(*) FROM notifications n JOIN accounts a ON a.id = n.account_id WHERE a.username = 'reader' AND read_at IS NULL",
      ),
      0,
    );
  });

  test("dismiss one, clear all; someone else's notification cannot be dismissed", async () => {
    const target = await loggedIn(web.url, await f.account({ username: 'target' }));
    await post(bob, '@target one');
    await post(bob, '@target two');
    const page = await target.get('/notifications');
    const forms = page.doc.querySelectorAll('form.dismiss');
    assert.equal(forms.length, 2);
    const action = forms[0]!.getAttribute('action')!;
    const mine = () =>
      sql.count(
        "SELECT count(*) FROM notifications n JOIN accounts a ON a.id = n.account_id WHERE a.username = 'target'",
      );

    await bob.get('/');
    const refused = await bob.post(action, {});
    assert.equal(refused.status, 404);
    assert.equal(await mine(), 2);

    await target.get('/notifications');
    const dismissed = await target.post(action, {});
    assert.equal(dismissed.status, 303);
    assert.equal(await mine(), 1);
    await target.get('/notifications');
    const cleared = await target.post('/notifications/clear', {});
    assert.equal(cleared.status, 303);
    assert.equal(await mine(), 0);
    const empty = await target.get('/notifications');
    assert.equal(empty.doc.querySelector('.flash')?.text.trim(), 'All notifications cleared.');
    assert.match(empty.doc.querySelector('.empty')!.text, /No notifications yet/);
  });

  test('/notifications needs a log-in', async () => {
    const page = await visitor.get('/notifications');
    assert.equal(page.status, 303);
    assert.equal(page.location, '/login?return_to=%2Fnotifications');
  });
});
