// End to end over HTTP, against a real web process: the report form (from a profile and from a post,
// errors next to their field, what was typed kept, the report limit), the moderation page for each
// role both ways, a role change by the CLI seen at the next request, and each way of resolving a
// report — every action a POST with the CSRF token, refused without it or without the role.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cliEnv, runCli } from '../../../test/support/cli.ts';
import { testDatabase } from '../../../test/support/database.ts';
import { errorPageOf, formErrorText, statusIds } from '../../../test/support/page-checks.ts';
import { startWeb } from '../../../test/support/processes.ts';
import { fixtures, loggedIn, type TestAccount } from '../../../test/support/fixtures.ts';
import { SiteClient, type Page } from '../../../test/support/site-client.ts';
import { sqlClient } from '../../../test/support/sql.ts';
import { waitFor } from '../../../test/support/wait.ts';

const databaseUrl = await testDatabase();
const web = await startWeb(databaseUrl, { RATE_LIMIT_AUTH: '1000', RATE_LIMIT_REPORTS: '1000' });
const sql = sqlClient(databaseUrl);
const f = fixtures(databaseUrl);
const cli = (...args: string[]) => runCli(cliEnv(databaseUrl), ...args);
const setRole = async (account: TestAccount, role: string) => {
  const r = await cli('accounts', 'role', account.username, role);
  assert.equal(r.code, 0, r.stderr);
};
const reports = () => sql.count('SELECT count(*) FROM reports');
const openReports = () => sql.count('SELECT count(*) FROM reports WHERE resolved_at IS NULL');

const aliceAccount = await f.account({ username: 'alice' });
const spammerAccount = await f.account({ username: 'spammer' });
const modAccount = await f.account({ username: 'mod' });
const adminAccount = await f.account({ username: 'boss' });
await setRole(modAccount, 'moderator');
await setRole(adminAccount, 'admin');
const alice = await loggedIn(web.url, aliceAccount);
const spammer = await loggedIn(web.url, spammerAccount);
const mod = await loggedIn(web.url, modAccount);
const admin = await loggedIn(web.url, adminAccount);
const visitor = new SiteClient(web.url);
const spam = await f.status(spammerAccount, 'Cheap watches at example.com #deal');
const spam2 = await f.status(spammerAccount, 'Even cheaper watches');

/** The error shown in a fieldset (radio or checkbox group), which names it in aria-describedby. */
function groupError(page: Page, name: string): string | undefined {
  const error = page.doc.querySelector(`#field-${name}-error`);
  if (!error) return undefined;
  const fieldset = error.closest('fieldset');
  assert.ok(fieldset, `the error of ${name} is inside its fieldset`);
  assert.match(fieldset.getAttribute('aria-describedby') ?? '', new RegExp(`field-${name}-error`));
  return error.text.trim();
}
const checked = (page: Page, name: string) =>
  page.doc
    .querySelectorAll(`input[name="${name}"]`)
    .flatMap((i) => (i.hasAttribute('checked') ? [i.getAttribute('value')!] : []));
const reportCards = (page: Page) => page.doc.querySelectorAll('article.report-card');

describe('the report form', () => {
  test('linked from the profile and from each post of someone else, not from your own', async () => {
    const profile = await alice.get('/@spammer');
    assert.equal(profile.doc.querySelector('a[href="/@spammer/report"]')?.text.trim(), 'Report @spammer');
    const link = profile.doc.querySelector(`#s-${spam.id} a.report-link`);
    assert.equal(link?.getAttribute('href'), `/@spammer/report?status_id=${spam.id}`);
    assert.equal(link?.text.trim(), 'Report this post');
    const own = await spammer.get('/@spammer');
    assert.equal(own.doc.querySelector('a[href="/@spammer/report"]'), null);
    assert.equal(own.doc.querySelector('a.report-link'), null);
    const anonymous = await visitor.get('/@spammer');
    assert.equal(anonymous.doc.querySelector('a.report-link'), null);
    assert.equal(anonymous.doc.querySelector('a[href="/@spammer/report"]'), null);
  });

  test('the form: categories, the account’s posts (the one it came from ticked), a comment', async () => {
    const page = await alice.get(`/@spammer/report?status_id=${spam.id}`);
    assert.equal(page.status, 200);
    assert.equal(page.doc.querySelector('h1')?.text.trim(), 'Report @spammer');
    assert.deepEqual(
      page.doc.querySelectorAll('input[name=category]').map((i) => i.getAttribute('value')),
      ['spam', 'legal', 'other'],
    );
    assert.deepEqual(checked(page, 'category'), ['spam']);
    assert.deepEqual(
      page.doc.querySelectorAll('input[name="status_ids[]"]').map((i) => i.getAttribute('value')),
      [spam2.id, spam.id],
    );
    assert.deepEqual(checked(page, 'status_ids[]'), [spam.id]);
    assert.ok(page.doc.querySelector('textarea[name=comment]'));
    assert.ok(page.doc.querySelector('form.report-form input[name=_csrf]'));
    // Labels hold the post's text, never its links.
    assert.equal(page.doc.querySelectorAll('.report-statuses label a').length, 0);
  });

  test('logged out: to the log-in page; yourself or nobody: refused', async () => {
    const out = await visitor.get('/@spammer/report');
    assert.equal(out.status, 303);
    assert.equal(out.location, '/login?return_to=%2F%40spammer%2Freport');
    const self = await alice.get('/@alice/report');
    assert.equal(self.status, 422);
    assert.equal(errorPageOf(self).text, 'You cannot report yourself.');
    assert.equal((await alice.get('/@nobody_at_all/report')).status, 404);
  });

  test('mistakes come back next to their field with what was typed, and write nothing', async () => {
    await alice.get('/@spammer/report');
    const before = await reports();
    const long = 'x'.repeat(1001);
    const page = await alice.post('/@spammer/report', {
      category: 'legal',
      'status_ids[]': spam2.id,
      comment: long,
    });
    assert.equal(page.status, 422);
    const comment = page.doc.querySelector('#field-comment-error');
    assert.equal(comment?.text.trim(), 'Comment is too long (maximum is 1000 characters)');
    const textarea = page.doc.querySelector('textarea[name=comment]')!;
    assert.equal(textarea.getAttribute('aria-invalid'), 'true');
    assert.match(textarea.getAttribute('aria-describedby') ?? '', /field-comment-error/);
    assert.equal(comment?.parentNode, textarea.parentNode);
    assert.equal(textarea.textContent.replace(/^\n/, ''), long);
    assert.deepEqual(checked(page, 'category'), ['legal']);
    assert.deepEqual(checked(page, 'status_ids[]'), [spam2.id]);

    const bad = await alice.post('/@spammer/report', { category: 'rude' });
    assert.equal(groupError(bad, 'category'), 'Category is not included in the list');
    // A post that is not the account's (a changed form, or a post deleted meanwhile).
    const other = await f.status(aliceAccount, 'mine, not the spammer’s');
    const wrong = await alice.post('/@spammer/report', { 'status_ids[]': other.id, comment: 'kept' });
    assert.equal(wrong.status, 422);
    assert.equal(
      groupError(wrong, 'status_ids'),
      'Some of the posts you chose do not exist or are not by the account you report.',
    );
    assert.equal(wrong.doc.querySelector('textarea[name=comment]')!.textContent.replace(/^\n/, ''), 'kept');
    assert.equal(await reports(), before);

    // Without the CSRF token: refused, nothing written.
    const forged = await alice.post('/@spammer/report', { comment: 'forged' }, { csrf: null });
    assert.equal(forged.status, 403);
    assert.equal(await reports(), before);
    // Reporting yourself through the form.
    await alice.get('/@spammer/report');
    const self = await alice.post('/@alice/report', { comment: 'me' });
    assert.equal(self.status, 422);
    assert.equal(await reports(), before);
  });

  test('sent: back to the profile with thanks, the report stored, the account told nothing', async () => {
    await alice.get('/@spammer/report');
    const sent = await alice.post('/@spammer/report', {
      category: 'spam',
      'status_ids[]': spam.id,
      comment: 'Advertising, again and again.',
    });
    assert.equal(sent.status, 303);
    assert.equal(sent.location, '/@spammer');
    const after = await alice.get('/@spammer');
    assert.equal(
      after.doc.querySelector('.flash')?.text.trim(),
      'Thank you. Your report about @spammer was sent to the moderators.',
    );
    const [row] = await sql.rows<{ category: string; comment: string; status_ids: string[] }>(
      `SELECT category, comment, status_ids::text[] FROM reports ORDER BY id DESC LIMIT 1`,
    );
    assert.deepEqual(row, {
      category: 'spam',
      comment: 'Advertising, again and again.',
      status_ids: [spam.id],
    });
    const notifications = await spammer.get('/notifications');
    assert.equal(notifications.doc.querySelectorAll('.notification').length, 0);
    assert.doesNotMatch(notifications.html, /alice|Advertising/);
  });

  test('past RATE_LIMIT_REPORTS in an hour: the 429 page, nothing written', async () => {
    const limited = await startWeb(databaseUrl, { RATE_LIMIT_REPORTS: '1', RATE_LIMIT_AUTH: '1000' });
    const eager = await loggedIn(limited.url, await f.account({ username: 'eager' }));
    await eager.get('/@spammer/report');
    assert.equal((await eager.post('/@spammer/report', { comment: 'first' })).status, 303);
    const before = await reports();
    await eager.get('/@spammer/report');
    const second = await eager.post('/@spammer/report', { comment: 'second' });
    assert.equal(second.status, 429);
    assert.equal(errorPageOf(second).title, 'Slow down');
    assert.equal(await reports(), before);
  });
});

describe('the moderation page', () => {
  test('for each role, both ways: users get 403, moderators and admins the queue', async () => {
    for (const who of [alice, spammer]) {
      const page = await who.get('/moderation');
      assert.equal(page.status, 403);
      assert.equal(errorPageOf(page).text, 'Only moderators and admins can see and resolve reports.');
      assert.equal((await who.get('/moderation/resolved')).status, 403);
      assert.equal(page.doc.querySelector('nav a[href="/moderation"]'), null, 'no link for users');
    }
    const out = await visitor.get('/moderation');
    assert.equal(out.status, 303);
    assert.equal(out.location, '/login?return_to=%2Fmoderation');
    for (const who of [mod, admin]) {
      const page = await who.get('/moderation');
      assert.equal(page.status, 200);
      assert.ok(page.doc.querySelector('nav[aria-label=Main] a[href="/moderation"]'), 'the header links it');
      assert.ok(reportCards(page).length >= 1);
      assert.equal((await who.get('/moderation/resolved')).status, 200);
    }
  });

  test('a report shows its account, reason, comment, posts and reporter', async () => {
    const page = await mod.get('/moderation');
    const card = reportCards(page).find((c) => c.text.includes('Advertising, again and again.'))!;
    assert.ok(card);
    assert.equal(card.querySelector('h2')?.text.replace(/\s+/g, ' ').trim(), 'Report about @spammer');
    assert.equal(card.querySelector('.tag')?.text.trim(), 'Spam');
    assert.match(card.querySelector('.meta')!.text, /Reported by @alice on/);
    assert.equal(
      card.querySelector('.reported-status .content')?.text.trim(),
      'Cheap watches at example.com #deal',
    );
    assert.deepEqual(
      card.querySelectorAll('.report-actions button').map((b) => b.text.trim()),
      ['Dismiss', 'Delete the post', 'Suspend @spammer'],
    );
    for (const form of card.querySelectorAll('.report-actions form')) {
      assert.equal(form.getAttribute('method'), 'post');
      assert.ok(form.querySelector('input[name=_csrf]'));
    }
  });

  test('a role given or taken by the CLI applies at the next request', async () => {
    const carolAccount = await f.account({ username: 'carol' });
    const carol = await loggedIn(web.url, carolAccount);
    assert.equal((await carol.get('/moderation')).status, 403);
    await setRole(carolAccount, 'moderator');
    // The web process hears the change from PostgreSQL (LISTEN/NOTIFY) as soon as it is committed.
    await waitFor(async () => (await carol.get('/moderation')).status === 200, 'the role to apply');
    for (let i = 0; i < 5; i++) assert.equal((await carol.get('/moderation')).status, 200);
    const profile = await visitor.get('/@carol');
    assert.equal(profile.doc.querySelector('.role-badge')?.text.trim(), 'Moderator');
    await setRole(carolAccount, 'user');
    await waitFor(async () => (await carol.get('/moderation')).status === 403, 'the role to be taken away');
    for (let i = 0; i < 5; i++) assert.equal((await carol.get('/moderation')).status, 403);
    assert.equal((await visitor.get('/@carol')).doc.querySelector('.role-badge'), null);
  });

  test('nobody sees reports about themselves', async () => {
    await alice.get('/@mod/report');
    assert.equal((await alice.post('/@mod/report', { comment: 'the moderator is rude' })).status, 303);
    const byMod = await mod.get('/moderation');
    assert.doesNotMatch(byMod.html, /the moderator is rude/);
    const byAdmin = await admin.get('/moderation');
    const card = reportCards(byAdmin).find((c) => c.text.includes('the moderator is rude'))!;
    // An admin may act against a moderator; a moderator could not.
    assert.deepEqual(
      card.querySelectorAll('.report-actions button').map((b) => b.text.trim()),
      ['Dismiss', 'Suspend @mod'],
    );
    const id = card.getAttribute('id')!.replace(/^r-/, '');
    await mod.get('/moderation');
    const denied = await mod.post(`/moderation/reports/${id}/dismiss`, {});
    assert.equal(denied.status, 404);
    await admin.get('/moderation');
    assert.equal((await admin.post(`/moderation/reports/${id}/dismiss`, {})).status, 303);
  });
});

describe('resolving reports', () => {
  async function fileReport(target: TestAccount, comment: string, statusId?: string): Promise<string> {
    await alice.get(`/@${target.username}/report`);
    const fields: Record<string, string> = statusId ? { comment, 'status_ids[]': statusId } : { comment };
    const sent = await alice.post(`/@${target.username}/report`, fields);
    assert.equal(sent.status, 303);
    const [row] = await sql.rows<{ id: string }>('SELECT id::text FROM reports ORDER BY id DESC LIMIT 1');
    return row!.id;
  }

  test('without the CSRF token, or by a user: refused, nothing changes', async () => {
    const id = await fileReport(spammerAccount, 'to be dismissed');
    const open = await openReports();
    await mod.get('/moderation');
    for (const verb of ['dismiss', 'delete-statuses', 'suspend']) {
      const forged = await mod.post(`/moderation/reports/${id}/${verb}`, {}, { csrf: null });
      assert.equal(forged.status, 403, verb);
      await alice.get('/@spammer');
      const byUser = await alice.post(`/moderation/reports/${id}/${verb}`, {});
      assert.equal(byUser.status, 403, verb);
      assert.equal(errorPageOf(byUser).text, 'Only moderators and admins can see and resolve reports.');
    }
    assert.equal(await openReports(), open);
    assert.equal((await visitor.get('/@spammer')).status, 200, 'not suspended');
  });

  test('dismiss: the report moves to the resolved list with who and when', async () => {
    const id = await fileReport(spammerAccount, 'dismiss me');
    await mod.get('/moderation');
    const done = await mod.post(`/moderation/reports/${id}/dismiss`, {});
    assert.equal(done.status, 303);
    assert.equal(done.location, '/moderation');
    const open = await mod.get('/moderation');
    assert.equal(open.doc.querySelector('.flash')?.text.trim(), 'The report was dismissed.');
    assert.equal(open.doc.querySelector(`#r-${id}`), null);
    const resolved = await mod.get('/moderation/resolved');
    const card = resolved.doc.querySelector(`#r-${id}`)!;
    assert.match(
      card.querySelector('.resolution')!.text.replace(/\s+/g, ' ').trim(),
      /^Dismissed by @mod on .+ UTC$/,
    );
    assert.equal(card.querySelectorAll('.report-actions').length, 0);
    // Twice: the second moderator is told it was resolved already.
    const again = await mod.post(`/moderation/reports/${id}/dismiss`, {});
    assert.equal(again.status, 409);
    assert.equal(errorPageOf(again).text, 'This report was already resolved.');
  });

  test('delete the posts: gone from the site, the account stays', async () => {
    const doomed = await f.status(spammerAccount, 'This one goes');
    const id = await fileReport(spammerAccount, 'delete that post', doomed.id);
    assert.ok(statusIds(await visitor.get('/@spammer')).includes(doomed.id));
    await mod.get('/moderation');
    const done = await mod.post(`/moderation/reports/${id}/delete-statuses`, {});
    assert.equal(done.status, 303);
    const after = await mod.get('/moderation');
    assert.equal(
      after.doc.querySelector('.flash')?.text.trim(),
      'The post was deleted; the report is resolved.',
    );
    assert.ok(!statusIds(await visitor.get('/@spammer')).includes(doomed.id));
    assert.equal((await visitor.get(`/@spammer/${doomed.id}`)).status, 404);
    const resolved = await mod.get('/moderation/resolved');
    const card = resolved.doc.querySelector(`#r-${id}`)!;
    assert.match(card.text, /Posts deleted/);
    assert.match(card.text, /1 post attached no longer exists\./);
  });

  test('suspend: logged out, profile gone, every open report about it resolved', async () => {
    const first = await fileReport(spammerAccount, 'suspend them');
    const second = await fileReport(spammerAccount, 'and again');
    assert.equal((await spammer.get('/settings')).status, 200);
    await mod.get('/moderation');
    const done = await mod.post(`/moderation/reports/${first}/suspend`, {});
    assert.equal(done.status, 303);
    const after = await mod.get('/moderation');
    assert.match(
      after.doc.querySelector('.flash')!.text,
      /^@spammer is suspended; its \d+ open reports are resolved\.$/,
    );
    assert.equal(after.doc.querySelector(`#r-${second}`), null);
    assert.equal((await visitor.get('/@spammer')).status, 404);
    const settings = await spammer.get('/settings');
    assert.equal(settings.status, 303, 'the session ended');
    const [row] = await sql.rows<{ n: string }>(
      `SELECT count(*) AS n FROM reports r JOIN accounts a ON a.id = r.target_account_id
       WHERE a.username = 'spammer' AND r.resolved_at IS NULL`,
    );
    assert.equal(row!.n, '0');
    const resolved = await admin.get('/moderation/resolved');
    assert.match(resolved.doc.querySelector(`#r-${second}`)!.text, /Account suspended/);
    assert.ok(resolved.doc.querySelector(`#r-${second} .tag.suspended`));
    assert.equal(formErrorText(resolved), undefined);
  });

  test('the queue is paged newest first with an "Older reports" link', async () => {
    const target = await f.account({ username: 'paged' });
    const ids: string[] = [];
    for (let i = 0; i < 22; i++) ids.push(await fileReport(target, `page ${i}`));
    const first = await mod.get('/moderation');
    const shown = reportCards(first).map((c) => c.getAttribute('id')!.slice(2));
    assert.equal(shown.length, 20);
    assert.deepEqual(shown.slice(0, 3), ids.slice(-3).reverse());
    const older = first.doc.querySelector('nav.pager a[rel=next]')!.getAttribute('href')!;
    assert.equal(older, `/moderation?max_id=${shown.at(-1)}`);
    const second = await mod.get(older);
    const rest = reportCards(second).map((c) => c.getAttribute('id')!.slice(2));
    assert.ok(rest.length > 0);
    assert.ok(rest.every((id) => BigInt(id) < BigInt(shown.at(-1)!)));
    assert.equal(new Set([...shown, ...rest]).size, shown.length + rest.length);
  });
});
