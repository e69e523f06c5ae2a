// Settings (profile, password, deletion) and operator services on real PostgreSQL.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isDomainError, ValidationError, type Account, type ErrorCode } from '@microposts/core';
import { testApp } from '../../../test/support/app.ts';

const app = await testApp();
const { db, services } = app;
const PASSWORD = 'correct horse battery';

let n = 0;
const signup = (name = `person${++n}`) =>
  services.accounts.register({ username: name, email: `${name}@example.com`, password: PASSWORD });
const session = (id: string, accountId: string) =>
  services.sessions.save(id, { accountId, data: { accountId }, expiresAt: new Date(Date.now() + 3600_000) });
const sessionIds = async (accountId: string) =>
  (
    await db
      .selectFrom('sessions')
      .select('id')
      .where('account_id', '=', accountId)
      .where('expires_at', '>', new Date()) // ended sessions stay as expired rows until housekeeping
      .orderBy('id')
      .execute()
  ).map((r) => r.id);
const hashOf = async (id: string) =>
  (await db.selectFrom('accounts').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow())
    .password_hash;

/** Expects a rejection of this class, or a DomainError of this code, then runs more checks on it. */
async function rejectsWith<E extends Error>(
  work: Promise<unknown>,
  type: (new (...args: never[]) => E) | ErrorCode,
  check: (e: E) => void,
) {
  await assert.rejects(work, (e: unknown) => {
    if (typeof type === 'string') assert.ok(isDomainError(e, type), `expected ${type}, got ${String(e)}`);
    else assert.ok(e instanceof type, `expected ${type.name}, got ${String(e)}`);
    check(e as E);
    return true;
  });
}

describe('updateProfile', () => {
  test('display name and bio: bio rendered like status text, escaped, mentions linked', async () => {
    const a = await signup();
    const b = await signup('bioperson');
    const updated = await services.settings.updateProfile({
      actorId: a.id,
      displayName: '  Ada\nLovelace  ',
      bio: 'Hi <b>there</b> @bioperson @nobody #Maths https://example.com\r\n\r\nSecond',
    });
    assert.equal(updated.displayName, 'Ada Lovelace');
    assert.equal(
      updated.bioHtml,
      '<p>Hi &lt;b&gt;there&lt;/b&gt; <span class="h-card"><a href="http://localhost:3000/@bioperson" class="u-url mention">@<span>bioperson</span></a></span> @nobody ' +
        '<a href="http://localhost:3000/tags/maths" class="mention hashtag" rel="tag">#<span>Maths</span></a> ' +
        '<a href="https://example.com" rel="nofollow noopener noreferrer" target="_blank">https://example.com</a></p><p>Second</p>',
    );
    assert.equal(updated.mentionEmails, true);
    assert.ok(b);
    // Only what is given changes.
    const again = await services.settings.updateProfile({ actorId: a.id, mentionEmails: false });
    assert.equal(again.displayName, 'Ada Lovelace');
    assert.equal(again.bio, updated.bio);
    assert.equal(again.mentionEmails, false);
    const cleared = await services.settings.updateProfile({ actorId: a.id, displayName: '', bio: '  ' });
    assert.equal(cleared.displayName, '');
    assert.equal(cleared.bio, '');
    assert.equal(cleared.bioHtml, '');
  });

  test('too long: exact errors, nothing changed', async () => {
    const a = await signup();
    await services.settings.updateProfile({ actorId: a.id, displayName: 'Before', bio: 'Before bio' });
    await rejectsWith(
      services.settings.updateProfile({ actorId: a.id, displayName: 'x'.repeat(31), bio: 'y'.repeat(501) }),
      ValidationError,
      (e) =>
        assert.deepEqual(e.fields, {
          display_name: 'Display name must be at most 30 characters.',
          bio: 'Bio must be at most 500 characters.',
        }),
    );
    const stored = await services.accounts.getById(a.id);
    assert.equal(stored.displayName, 'Before');
    assert.equal(stored.bio, 'Before bio');
  });

  test('a suspended account cannot change its profile', async () => {
    const a = await signup();
    await services.admin.suspend(a.username);
    await rejectsWith(
      services.settings.updateProfile({ actorId: a.id, displayName: 'Nope' }),
      'account_suspended',
      (e) => assert.equal(e.message, 'This account is suspended.'),
    );
  });
});

describe('changePassword', () => {
  test('wrong current password: exact error, nothing changed, sessions kept', async () => {
    const a = await signup();
    await session(`keep-${a.id}`, a.id);
    await session(`other-${a.id}`, a.id);
    const hash = await hashOf(a.id);
    const cases: [string, string, Record<string, string>][] = [
      ['wrong password!', 'new password 123', { current_password: 'Current password is incorrect.' }],
      ['', 'new password 123', { current_password: 'Enter your current password.' }],
      [PASSWORD, 'short', { new_password: 'Password must be at least 8 characters.' }],
      [PASSWORD, PASSWORD, { new_password: 'The new password must differ from the current one.' }],
    ];
    for (const [currentPassword, newPassword, fields] of cases) {
      await rejectsWith(
        services.settings.changePassword({
          actorId: a.id,
          currentPassword,
          newPassword,
          keepSessionId: `keep-${a.id}`,
        }),
        ValidationError,
        (e) => assert.deepEqual(e.fields, fields),
      );
    }
    assert.equal(await hashOf(a.id), hash);
    assert.deepEqual(await sessionIds(a.id), [`keep-${a.id}`, `other-${a.id}`]);
  });

  test('changes the password and ends every other session of that account only', async () => {
    const a = await signup();
    const b = await signup();
    await session(`keep-${a.id}`, a.id);
    await session(`other-${a.id}`, a.id);
    await session(`b-${b.id}`, b.id);
    await services.settings.changePassword({
      actorId: a.id,
      currentPassword: PASSWORD,
      newPassword: 'a brand new password',
      keepSessionId: `keep-${a.id}`,
    });
    assert.deepEqual(await sessionIds(a.id), [`keep-${a.id}`]);
    assert.deepEqual(await sessionIds(b.id), [`b-${b.id}`]);
    await rejectsWith(
      services.accounts.authenticate({ login: a.username, password: PASSWORD }),
      'invalid_credentials',
      () => {},
    );
    const ok = await services.accounts.authenticate({ login: a.username, password: 'a brand new password' });
    assert.equal(ok.id, a.id);
  });
});

describe('deleteAccount', () => {
  test('wrong or missing password: exact error, nothing deleted', async () => {
    const a = await signup();
    await services.statuses.create({ actorId: a.id, text: 'still here' });
    for (const [password, message] of [
      ['nope nope nope', 'Password is incorrect.'],
      ['', 'Enter your password to confirm.'],
    ] as const) {
      await rejectsWith(services.settings.deleteAccount({ actorId: a.id, password }), ValidationError, (e) =>
        assert.deepEqual(e.fields, { password: message }),
      );
    }
    assert.equal((await services.accounts.getById(a.id)).id, a.id);
    assert.equal((await services.timelines.account(a.username, { limit: 5 })).statuses.length, 1);
  });

  test("removes the account, its statuses, tags links and sessions; others' replies stay", async () => {
    const a = await signup();
    const b = await signup();
    const s = await services.statuses.create({ actorId: a.id, text: 'bye #farewell' });
    const reply = await services.statuses.create({
      actorId: b.id,
      text: `@${a.username} see you`,
      inReplyToId: s.id,
    });
    await session(`del-${a.id}`, a.id);
    await services.settings.deleteAccount({ actorId: a.id, password: PASSWORD });
    assert.equal(
      await db.selectFrom('accounts').select('id').where('id', '=', a.id).executeTakeFirst(),
      undefined,
    );
    assert.equal(
      await db.selectFrom('statuses').select('id').where('id', '=', s.id).executeTakeFirst(),
      undefined,
    );
    assert.equal(
      await db.selectFrom('status_tags').select('tag_id').where('status_id', '=', s.id).executeTakeFirst(),
      undefined,
    );
    assert.deepEqual(await sessionIds(a.id), []);
    const kept = await services.statuses.get(reply.id);
    assert.equal(kept.inReplyToId, null);
    assert.deepEqual(kept.mentions, []);
    await rejectsWith(services.accounts.getByUsername(a.username), 'not_found', () => {});
  });
});

describe('operator: suspend, unsuspend, list', () => {
  test('suspend: no log-in, statuses hidden, sessions ended; unsuspend restores', async () => {
    const a = await signup();
    const s = await services.statuses.create({ actorId: a.id, text: 'visible until suspended' });
    await session(`s-${a.id}`, a.id);
    const r = await services.admin.suspend(`@${a.username.toUpperCase()}`);
    assert.equal(r.changed, true);
    assert.ok(r.account.suspendedAt instanceof Date);
    assert.deepEqual(await sessionIds(a.id), []);
    await rejectsWith(
      services.accounts.authenticate({ login: a.username, password: PASSWORD }),
      'invalid_credentials',
      (e) => assert.equal(e.message, 'This account is suspended.'),
    );
    await rejectsWith(services.statuses.get(s.id), 'not_found', () => {});
    const pub = await services.timelines.public({ limit: 40 });
    assert.equal(
      pub.some((x) => x.id === s.id),
      false,
    );
    await rejectsWith(
      services.statuses.create({ actorId: a.id, text: 'let me post' }),
      'account_suspended',
      (e) => assert.equal(e.message, 'This account is suspended.'),
    );
    assert.equal((await services.admin.suspend(a.username)).changed, false);

    const u = await services.admin.unsuspend(a.username);
    assert.equal(u.changed, true);
    assert.equal(u.account.suspendedAt, null);
    assert.equal((await services.statuses.get(s.id)).id, s.id);
    assert.equal((await services.accounts.authenticate({ login: a.username, password: PASSWORD })).id, a.id);
    assert.equal((await services.admin.unsuspend(a.username)).changed, false);
  });

  test('unknown accounts: exact error', async () => {
    for (const work of [
      () => services.admin.suspend('ghost_account'),
      () => services.admin.unsuspend('@ghost_account'),
    ])
      await rejectsWith(work(), 'not_found', (e) =>
        assert.equal(e.message, 'No account is called @ghost_account.'),
      );
  });

  test('list: newest first, suspended filter, limit checked', async () => {
    const x = await signup();
    const y = await signup();
    await services.admin.suspend(y.username);
    const all = await services.admin.list({ limit: 2 });
    assert.deepEqual(
      all.map((a: Account) => a.id),
      [y.id, x.id],
    );
    const suspended = await services.admin.list({ limit: 1000, suspended: true });
    assert.ok(suspended.every((a) => a.suspendedAt));
    assert.ok(suspended.some((a) => a.id === y.id));
    const active = await services.admin.list({ limit: 1000, suspended: false });
    assert.ok(active.every((a) => !a.suspendedAt));
    for (const limit of [0, 1001, 1.5])
      await rejectsWith(services.admin.list({ limit }), ValidationError, (e) =>
        assert.deepEqual(e.fields, { limit: 'Limit must be a whole number from 1 to 1000.' }),
      );
  });
});
