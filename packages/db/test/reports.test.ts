// Roles, reports and their resolution through the services, on real PostgreSQL: every refusal writes
// nothing, every permission is tried both ways.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isDomainError, type AccountRole, type ErrorCode } from '@microposts/core';
import { testApp } from '../../../test/support/app.ts';
import { fixtures, type TestAccount } from '../../../test/support/fixtures.ts';

const app = await testApp();
const { db, services } = app;
const f = fixtures(app);

const count = async (table: 'reports' | 'statuses' | 'sessions' | 'notifications') =>
  Number((await db.selectFrom(table).select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const openReports = async () =>
  Number(
    (
      await db
        .selectFrom('reports')
        .select(db.fn.countAll().as('n'))
        .where('resolved_at', 'is', null)
        .executeTakeFirstOrThrow()
    ).n,
  );

async function person(role: AccountRole = 'user'): Promise<TestAccount> {
  const a = await f.account();
  if (role !== 'user') await services.admin.setRole(a.username, role);
  return a;
}

/** Expects a DomainError with this code (and message), and that no report was written or changed. */
async function refused(work: () => Promise<unknown>, code: ErrorCode, message?: string) {
  const before = await db.selectFrom('reports').selectAll().orderBy('id').execute();
  await assert.rejects(work(), (e: unknown) => {
    assert.ok(isDomainError(e, code), `expected ${code}, got ${String(e)}`);
    if (message) assert.equal((e as Error).message, message);
    return true;
  });
  assert.deepEqual(await db.selectFrom('reports').selectAll().orderBy('id').execute(), before);
}

describe('roles', () => {
  test('every account starts as a user; setRole changes it, harmlessly twice, and refuses unknown roles', async () => {
    const a = await f.account();
    assert.equal((await services.accounts.getById(a.id)).role, 'user');
    const first = await services.admin.setRole(`@${a.username.toUpperCase()}`, 'moderator');
    assert.deepEqual([first.changed, first.account.role], [true, 'moderator']);
    const again = await services.admin.setRole(a.username, 'moderator');
    assert.deepEqual([again.changed, again.account.role], [false, 'moderator']);
    await assert.rejects(services.admin.setRole(a.username, 'owner'), {
      code: 'validation_failed',
      message: 'Role must be one of: user, moderator, admin.',
    });
    await assert.rejects(services.admin.setRole('nobody_here', 'admin'), { code: 'not_found' });
    assert.equal((await services.accounts.getById(a.id)).role, 'moderator');
    // Public reads carry the role too (profiles, status authors).
    assert.equal((await services.accounts.profile(a.username)).role, 'moderator');
    const s = await f.status(a, 'a moderator speaks');
    assert.equal((await services.statuses.get(s.id)).account.role, 'moderator');
  });
});

describe('filing a report', () => {
  test('with a category, statuses of the account and a comment; the target is told nothing', async () => {
    const reporter = await person();
    const target = await person();
    const s1 = await f.status(target, 'buy cheap pills');
    const s2 = await f.status(target, 'buy more cheap pills');
    const notificationsBefore = await count('notifications');
    const { report, target: shown } = await services.reports.file({
      actorId: reporter.id,
      accountId: target.id,
      category: 'spam',
      comment: '  Spam, over and over.  ',
      statusIds: [s1.id, s2.id, s1.id],
    });
    assert.equal(shown.id, target.id);
    assert.equal(report.category, 'spam');
    assert.equal(report.comment, 'Spam, over and over.');
    assert.deepEqual(report.statusIds, [s1.id, s2.id]);
    assert.equal(report.reporterId, reporter.id);
    assert.equal(report.resolvedAt, null);
    assert.equal(await count('notifications'), notificationsBefore, 'no notification to anyone');
    // By username (the website), with no statuses and no category: `other`.
    const plain = await services.reports.file({ actorId: reporter.id, username: target.username });
    assert.deepEqual(
      [plain.report.category, plain.report.comment, plain.report.statusIds],
      ['other', '', []],
    );
    // A comment of exactly 1000 characters (code points) is fine.
    const long = await services.reports.file({
      actorId: reporter.id,
      accountId: target.id,
      comment: '😀'.repeat(1000),
    });
    assert.equal([...long.report.comment].length, 1000);
  });

  test('bad input is refused with its reason and writes nothing', async () => {
    const reporter = await person();
    const target = await person();
    const other = await person();
    const mine = await f.status(target, 'reportable');
    const theirs = await f.status(other, 'not by the target');
    const file = (input: Record<string, unknown>) => () =>
      services.reports.file({ actorId: reporter.id, accountId: target.id, ...input });
    await refused(file({ accountId: '999999999' }), 'not_found');
    await refused(file({ accountId: 'abc' }), 'not_found');
    await refused(file({ accountId: '' }), 'not_found');
    await refused(file({ accountId: undefined, username: 'no_such_person' }), 'not_found');
    await refused(file({ accountId: reporter.id }), 'cannot_report_self', 'You cannot report yourself.');
    await refused(file({ statusIds: [theirs.id] }), 'report_status_not_found');
    await refused(file({ statusIds: [mine.id, '12345'] }), 'report_status_not_found');
    await refused(file({ statusIds: ['not-an-id'] }), 'report_status_not_found');
    await refused(
      file({ comment: 'x'.repeat(1001) }),
      'validation_failed',
      'Comment is too long (maximum is 1000 characters)',
    );
    await refused(file({ category: 'rude' }), 'validation_failed', 'Category is not included in the list');
    // There are no server rules: a violation, or any rule, cannot be reported.
    await refused(
      file({ category: 'violation' }),
      'validation_failed',
      'Rule ids does not reference valid rules',
    );
    await refused(
      file({ category: 'spam', ruleIds: ['1'] }),
      'validation_failed',
      'Rule ids does not reference valid rules',
    );
    await refused(
      file({ statusIds: Array.from({ length: 51 }, (_, i) => String(1000 + i)) }),
      'validation_failed',
      'Status ids are too many (maximum is 50)',
    );
    // A suspended account can neither be reported nor report.
    const suspended = await person();
    await services.admin.suspend(suspended.username);
    await refused(file({ accountId: suspended.id }), 'not_found');
    await refused(
      () => services.reports.file({ actorId: suspended.id, accountId: target.id }),
      'account_suspended',
    );
  });
});

describe('the moderation queue', () => {
  test('only moderators and admins see it; never reports about themselves', async () => {
    const user = await person();
    const moderator = await person('moderator');
    const admin = await person('admin');
    const reporter = await person();
    const target = await person();
    await services.reports.file({ actorId: reporter.id, accountId: target.id, comment: 'about target' });
    await services.reports.file({ actorId: reporter.id, accountId: moderator.id, comment: 'about the mod' });
    const page = { limit: 20 };
    await refused(
      () => services.reports.list({ actorId: user.id, resolved: false, page }),
      'forbidden',
      'Only moderators and admins can see and resolve reports.',
    );
    const byModerator = await services.reports.list({ actorId: moderator.id, resolved: false, page });
    const modComments = byModerator.reports.map((r) => r.comment);
    assert.ok(modComments.includes('about target'));
    assert.ok(!modComments.includes('about the mod'), 'a moderator never sees reports about themselves');
    assert.equal(byModerator.openCount, modComments.length);
    const byAdmin = await services.reports.list({ actorId: admin.id, resolved: false, page });
    const about = byAdmin.reports.find((r) => r.comment === 'about the mod')!;
    assert.equal(about.reporter?.id, reporter.id, 'moderators see the reporter');
    assert.equal(about.target.id, moderator.id);
    // Taking the role away takes the queue away at once.
    await services.admin.setRole(moderator.username, 'user');
    await refused(() => services.reports.list({ actorId: moderator.id, resolved: false, page }), 'forbidden');
  });

  test('newest first, paged with max_id; resolved ones listed apart', async () => {
    const moderator = await person('moderator');
    const reporter = await person();
    const target = await person();
    const before = await services.reports.list({
      actorId: moderator.id,
      resolved: false,
      page: { limit: 40 },
    });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(
        (await services.reports.file({ actorId: reporter.id, accountId: target.id, comment: `r${i}` })).report
          .id,
      );
    const first = await services.reports.list({ actorId: moderator.id, resolved: false, page: { limit: 3 } });
    assert.deepEqual(
      first.reports.map((r) => r.id),
      ids.slice(2).reverse(),
    );
    const second = await services.reports.list({
      actorId: moderator.id,
      resolved: false,
      page: { limit: 3, maxId: first.reports.at(-1)!.id },
    });
    assert.deepEqual(second.reports.map((r) => r.id).slice(0, 2), ids.slice(0, 2).reverse());
    assert.equal(first.openCount, before.openCount + 5);
    await services.reports.dismiss({ actorId: moderator.id, reportId: ids[4]! });
    const resolved = await services.reports.list({
      actorId: moderator.id,
      resolved: true,
      page: { limit: 40 },
    });
    assert.equal(resolved.reports[0]!.id, ids[4]);
    const open = await services.reports.list({ actorId: moderator.id, resolved: false, page: { limit: 40 } });
    assert.ok(!open.reports.some((r) => r.id === ids[4]));
    assert.equal(open.openCount, first.openCount - 1);
  });
});

describe('resolving reports', () => {
  test('dismiss records who and when, and only once', async () => {
    const moderator = await person('moderator');
    const other = await person('moderator');
    const reporter = await person();
    const target = await person();
    const { report } = await services.reports.file({ actorId: reporter.id, accountId: target.id });
    const dismissed = await services.reports.dismiss({ actorId: moderator.id, reportId: report.id });
    assert.equal(dismissed.resolution, 'dismissed');
    assert.equal(dismissed.resolvedById, moderator.id);
    assert.ok(dismissed.resolvedAt && Date.now() - dismissed.resolvedAt.getTime() < 60_000);
    await refused(
      () => services.reports.dismiss({ actorId: other.id, reportId: report.id }),
      'report_resolved',
    );
    await refused(
      () => services.reports.suspendAccount({ actorId: other.id, reportId: report.id }),
      'report_resolved',
    );
    assert.equal((await services.accounts.getById(target.id)).suspendedAt, null);
  });

  test('two moderators at once: the report is resolved once, the other is told', async () => {
    const a = await person('moderator');
    const b = await person('moderator');
    const reporter = await person();
    const target = await person();
    const { report } = await services.reports.file({ actorId: reporter.id, accountId: target.id });
    const results = await Promise.allSettled([
      services.reports.dismiss({ actorId: a.id, reportId: report.id }),
      services.reports.dismiss({ actorId: b.id, reportId: report.id }),
    ]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    assert.ok(isDomainError(failed.reason, 'report_resolved'));
  });

  test('deleting the reported statuses deletes them (only them) and resolves the report', async () => {
    const moderator = await person('moderator');
    const reporter = await person();
    const target = await person();
    const bad = await f.status(target, 'bad post');
    const worse = await f.status(target, 'worse post');
    const fine = await f.status(target, 'a fine post');
    const { report } = await services.reports.file({
      actorId: reporter.id,
      accountId: target.id,
      statusIds: [bad.id, worse.id],
    });
    // A post deleted by its author meanwhile is simply not there any more.
    await services.statuses.delete({ actorId: target.id, statusId: worse.id });
    const before = await count('statuses');
    const { report: resolved, deleted } = await services.reports.deleteStatuses({
      actorId: moderator.id,
      reportId: report.id,
    });
    assert.equal(deleted, 1);
    assert.equal(resolved.resolution, 'statuses_deleted');
    assert.equal(await count('statuses'), before - 1);
    await assert.rejects(services.statuses.get(bad.id), { code: 'not_found' });
    assert.equal((await services.statuses.get(fine.id)).id, fine.id);
    assert.equal((await services.accounts.getById(target.id)).suspendedAt, null);
    // The resolved report still names both ids; neither status is there to show.
    const listed = await services.reports.list({
      actorId: moderator.id,
      resolved: true,
      page: { limit: 40 },
    });
    const shown = listed.reports.find((r) => r.id === report.id)!;
    assert.deepEqual(shown.statusIds, [bad.id, worse.id]);
    assert.deepEqual(shown.statuses, []);
    assert.equal(shown.resolvedBy?.id, moderator.id);

    // A report without statuses left has nothing to delete: refused, nothing written.
    const { report: empty } = await services.reports.file({ actorId: reporter.id, accountId: target.id });
    await refused(
      () => services.reports.deleteStatuses({ actorId: moderator.id, reportId: empty.id }),
      'validation_failed',
      'The posts of this report no longer exist: dismiss it instead.',
    );
  });

  test('suspending ends sessions and tokens and resolves every open report about the account', async () => {
    const moderator = await person('moderator');
    const reporter = await person();
    const other = await person();
    const target = await person();
    const status = await f.status(target, 'hidden after suspension');
    await f.token(target);
    await services.sessions.save('target-session', {
      accountId: target.id,
      data: {},
      expiresAt: new Date(Date.now() + 60_000),
    });
    const { report } = await services.reports.file({ actorId: reporter.id, accountId: target.id });
    const { report: second } = await services.reports.file({
      actorId: other.id,
      accountId: target.id,
      statusIds: [status.id],
    });
    const { report: unrelated } = await services.reports.file({ actorId: reporter.id, accountId: other.id });
    const { account, resolved } = await services.reports.suspendAccount({
      actorId: moderator.id,
      reportId: report.id,
    });
    assert.ok(account.suspendedAt);
    assert.equal(resolved, 2);
    assert.equal(await services.sessions.load('target-session'), null);
    const live = await db
      .selectFrom('oauth_tokens')
      .select('id')
      .where('account_id', '=', target.id)
      .where('revoked_at', 'is', null)
      .execute();
    assert.deepEqual(live, []);
    await assert.rejects(services.statuses.get(status.id), { code: 'not_found' });
    const rows = await db
      .selectFrom('reports')
      .select(['id', 'resolution', 'resolved_by_account_id'])
      .where('id', 'in', [report.id, second.id, unrelated.id])
      .orderBy('id')
      .execute();
    assert.deepEqual(rows, [
      { id: report.id, resolution: 'suspended', resolved_by_account_id: moderator.id },
      { id: second.id, resolution: 'suspended', resolved_by_account_id: moderator.id },
      { id: unrelated.id, resolution: null, resolved_by_account_id: null },
    ]);
    // The moderator still sees the suspended account's reported status in the resolved list.
    const listed = await services.reports.list({
      actorId: moderator.id,
      resolved: true,
      page: { limit: 40 },
    });
    assert.deepEqual(
      listed.reports.find((r) => r.id === second.id)!.statuses.map((s) => s.text),
      ['hidden after suspension'],
    );
  });

  test('permissions, both ways: who may act against whom', async () => {
    const user = await person();
    const moderator = await person('moderator');
    const peer = await person('moderator');
    const admin = await person('admin');
    const reporter = await person();
    const fileAbout = async (target: TestAccount) => {
      const s = await f.status(target, `post by ${target.username}`);
      return (await services.reports.file({ actorId: reporter.id, accountId: target.id, statusIds: [s.id] }))
        .report.id;
    };
    const aboutUser = await fileAbout(user);
    const aboutPeer = await fileAbout(peer);
    const aboutAdmin = await fileAbout(admin);
    const aboutModerator = await fileAbout(moderator);
    const act =
      (verb: 'dismiss' | 'deleteStatuses' | 'suspendAccount', actorId: string, reportId: string) => () =>
        services.reports[verb]({ actorId, reportId });

    // A user may do nothing, not even dismiss.
    for (const verb of ['dismiss', 'deleteStatuses', 'suspendAccount'] as const)
      await refused(act(verb, user.id, aboutPeer), 'forbidden');
    // A moderator may not act against another moderator or an admin (dismissing is fine)…
    await refused(
      act('suspendAccount', moderator.id, aboutPeer),
      'forbidden',
      'Only an admin can act against a moderator.',
    );
    await refused(act('deleteStatuses', moderator.id, aboutPeer), 'forbidden');
    await refused(
      act('suspendAccount', moderator.id, aboutAdmin),
      'forbidden',
      'Nobody can act against an admin here; an operator can, with the command line.',
    );
    // …nor see or resolve a report about themselves.
    await refused(act('dismiss', moderator.id, aboutModerator), 'not_found');
    await refused(act('dismiss', moderator.id, '123'), 'not_found');
    await refused(act('dismiss', moderator.id, 'x'), 'not_found');
    // An admin may act against a moderator, not against another admin.
    await refused(act('suspendAccount', admin.id, aboutAdmin), 'not_found');
    const otherAdmin = await person('admin');
    await refused(act('suspendAccount', otherAdmin.id, aboutAdmin), 'forbidden');
    const { deleted } = await services.reports.deleteStatuses({ actorId: admin.id, reportId: aboutPeer });
    assert.equal(deleted, 1);
    // A moderator acts against a user.
    const { account } = await services.reports.suspendAccount({ actorId: moderator.id, reportId: aboutUser });
    assert.ok(account.suspendedAt);
    // A suspended moderator can do nothing.
    await services.admin.suspend(peer.username);
    await refused(act('dismiss', peer.id, aboutModerator), 'account_suspended');
    // The admin resolves the report about the moderator.
    const open = await openReports();
    await services.reports.dismiss({ actorId: admin.id, reportId: aboutModerator });
    assert.equal(await openReports(), open - 1);
  });

  test('suspending an account an operator suspended already resolves its reports', async () => {
    const moderator = await person('moderator');
    const reporter = await person();
    const target = await person();
    const { report } = await services.reports.file({ actorId: reporter.id, accountId: target.id });
    await services.admin.suspend(target.username);
    const listed = await services.reports.list({
      actorId: moderator.id,
      resolved: false,
      page: { limit: 40 },
    });
    assert.ok(listed.reports.find((r) => r.id === report.id)!.target.suspendedAt);
    const { resolved } = await services.reports.suspendAccount({
      actorId: moderator.id,
      reportId: report.id,
    });
    assert.equal(resolved, 1);
  });
});
