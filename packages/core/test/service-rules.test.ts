// Service rules that need no SQL, on the in-memory unit of work: who may act, on what, with which
// input — and that a refusal writes nothing.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isDomainError, type ErrorCode } from '../src/errors.ts';
import { hashPassword } from '../src/security/password.ts';
import { fakeServices } from './support/fake-unit-of-work.ts';

function setup() {
  const { services, state, uow } = fakeServices();
  const account = (username: string, passwordHash = 'x') =>
    uow.accounts.create({ username, email: `${username}@example.com`, passwordHash });
  /** Everything stored, to compare before and after a refused call. */
  const snapshot = () => JSON.stringify(state());
  return { services, state, uow, account, snapshot };
}

async function refused(work: Promise<unknown>, code: ErrorCode, message?: string) {
  await assert.rejects(work, (e: unknown) => {
    assert.ok(isDomainError(e, code), `expected ${code}, got ${String(e)}`);
    if (message) assert.equal(e.message, message);
    return true;
  });
}

describe('a suspended account does nothing', () => {
  test('post, edit, delete, follow, favourite, change its profile: account_suspended, nothing written', async () => {
    const { services, uow, account, snapshot } = setup();
    const sam = await account('sam');
    const other = await account('other');
    const own = await services.statuses.create({ actorId: sam.id, text: 'before' });
    const theirs = await services.statuses.create({ actorId: other.id, text: 'theirs' });
    await uow.accounts.setSuspended(sam.id, true);
    const before = snapshot();
    const attempts: Array<[string, () => Promise<unknown>]> = [
      ['post', () => services.statuses.create({ actorId: sam.id, text: 'after' })],
      ['edit', () => services.statuses.edit({ actorId: sam.id, statusId: own.id, text: 'x' })],
      ['delete', () => services.statuses.delete({ actorId: sam.id, statusId: own.id })],
      ['follow', () => services.follows.follow({ actorId: sam.id, targetId: other.id })],
      ['favourite', () => services.favourites.favourite({ actorId: sam.id, statusId: theirs.id })],
      ['profile', () => services.settings.updateProfile({ actorId: sam.id, displayName: 'Nope' })],
      ['resend', () => services.accountEmails.resendConfirmation({ actorId: sam.id })],
    ];
    for (const [what, work] of attempts) {
      await refused(work(), 'account_suspended', 'This account is suspended.');
      assert.equal(snapshot(), before, `${what} wrote nothing`);
    }
  });

  test('an unknown or malformed actor id is refused the same way', async () => {
    const { services } = setup();
    await refused(services.statuses.create({ actorId: '424242', text: 'hi' }), 'account_suspended');
    await refused(services.statuses.create({ actorId: 'abc', text: 'hi' }), 'account_suspended');
  });
});

describe('ownership', () => {
  test("editing or deleting someone else's status: not_owner, nothing changed", async () => {
    const { services, account, snapshot } = setup();
    const ann = await account('ann');
    const bob = await account('bob');
    const s = await services.statuses.create({ actorId: ann.id, text: 'mine' });
    const before = snapshot();
    await refused(
      services.statuses.edit({ actorId: bob.id, statusId: s.id, text: 'hijack' }),
      'not_owner',
      'You can only edit your own statuses.',
    );
    await refused(
      services.statuses.delete({ actorId: bob.id, statusId: s.id }),
      'not_owner',
      'You can only delete your own statuses.',
    );
    assert.equal(snapshot(), before);
  });

  test('a missing or malformed status id is not_found, not not_owner', async () => {
    const { services, account } = setup();
    const ann = await account('ann');
    await refused(services.statuses.delete({ actorId: ann.id, statusId: '999999' }), 'not_found');
    await refused(services.statuses.edit({ actorId: ann.id, statusId: 'x1', text: 'a' }), 'not_found');
  });
});

describe('posting', () => {
  test('blank, invisible-only, too long or badly scoped text: validation_failed, nothing written', async () => {
    const { services, account, snapshot } = setup();
    const ann = await account('ann');
    const before = snapshot();
    const cases: Array<[{ text: string; visibility?: string }, Record<string, string>]> = [
      [{ text: '   ' }, { text: "Text can't be blank." }],
      // zero-width space, word joiner, RTL mark, combining acute, Hangul filler, braille blank
      [{ text: '\u200b\u2060\u200f\u0301\u3164\u2800' }, { text: "Text can't be blank." }],
      [{ text: 'x'.repeat(501) }, { text: 'Text is too long (501 characters; the maximum is 500).' }],
      [
        { text: 'hi', visibility: 'everyone' },
        { visibility: 'Visibility must be one of: public, unlisted, private, direct.' },
      ],
    ];
    for (const [input, fields] of cases) {
      await assert.rejects(services.statuses.create({ actorId: ann.id, ...input }), (e: unknown) => {
        assert.ok(isDomainError(e, 'validation_failed'));
        assert.deepEqual((e as unknown as { fields: unknown }).fields, fields);
        return true;
      });
      assert.equal(snapshot(), before, JSON.stringify(input));
    }
    // Visible text among invisible characters is fine.
    assert.equal(
      (await services.statuses.create({ actorId: ann.id, text: '\u200bhi\u200b' })).text,
      '\u200bhi\u200b',
    );
  });

  test('a reply to a status that does not exist: reply_target_missing, nothing written', async () => {
    const { services, account, snapshot } = setup();
    const ann = await account('ann');
    const before = snapshot();
    for (const inReplyToId of ['999999', 'abc'])
      await refused(
        services.statuses.create({ actorId: ann.id, text: 'hello?', inReplyToId }),
        'reply_target_missing',
      );
    assert.equal(snapshot(), before);
  });

  test('mentions notify and enqueue one e-mail each, never for the author', async () => {
    const { services, state, account } = setup();
    const ann = await account('ann');
    const bob = await account('bob');
    const s = await services.statuses.create({ actorId: ann.id, text: 'hi @bob @BOB @ann @nobody' });
    assert.deepEqual(s.mentions.map((m) => m.username).sort(), ['ann', 'bob']);
    assert.deepEqual(
      state().notifications.map((n) => [n.accountId, n.type]),
      [[bob.id, 'mention']],
    );
    assert.deepEqual(
      state().jobs.map((j) => j.key),
      [`mention-email:${s.id}:${bob.id}`],
    );
  });
});

describe('Idempotency-Key', () => {
  test('a repeated key returns the first status and writes nothing more', async () => {
    const { services, state, account } = setup();
    const ann = await account('ann');
    const first = await services.statuses.create({ actorId: ann.id, text: 'once', idempotencyKey: 'k1' });
    const again = await services.statuses.create({ actorId: ann.id, text: 'twice?', idempotencyKey: 'k1' });
    assert.equal(again.id, first.id);
    assert.equal(state().statuses.length, 1);
  });

  test('the whole key counts: two long keys that share their first 200 characters are two keys', async () => {
    const { services, state, account } = setup();
    const ann = await account('ann');
    const prefix = 'p'.repeat(200);
    const a = await services.statuses.create({ actorId: ann.id, text: 'a', idempotencyKey: `${prefix}A` });
    const b = await services.statuses.create({ actorId: ann.id, text: 'b', idempotencyKey: `${prefix}B` });
    assert.notEqual(a.id, b.id);
    assert.equal(state().statuses.length, 2);
  });

  test('a refused post frees its key', async () => {
    const { services, state, account } = setup();
    const ann = await account('ann');
    await assert.rejects(
      services.statuses.create({ actorId: ann.id, text: 'x', inReplyToId: '1', idempotencyKey: 'k' }),
    );
    assert.equal(state().idempotency.length, 0);
    await services.statuses.create({ actorId: ann.id, text: 'x', idempotencyKey: 'k' });
    assert.equal(state().statuses.length, 1);
  });
});

describe('follows', () => {
  test('following yourself: cannot_follow_self; a missing target: not_found; nothing written', async () => {
    const { services, account, snapshot } = setup();
    const ann = await account('ann');
    const before = snapshot();
    await refused(services.follows.follow({ actorId: ann.id, targetId: ann.id }), 'cannot_follow_self');
    await refused(services.follows.follow({ actorId: ann.id, targetId: '31337' }), 'not_found');
    assert.equal(snapshot(), before);
  });
});

describe('passwords and suspension end access', () => {
  test('changing the password ends the other sessions and revokes every app token', async () => {
    const { services, state, account } = setup();
    const ann = await account('ann', await hashPassword('old password here'));
    state().sessions.push(
      { id: 'this', accountId: ann.id, expiresAt: new Date(Date.now() + 1e6) },
      { id: 'other', accountId: ann.id, expiresAt: new Date(Date.now() + 1e6) },
    );
    state().oauthTokens.push({ id: 't1', accountId: ann.id, revokedAt: null });
    await services.settings.changePassword({
      actorId: ann.id,
      currentPassword: 'old password here',
      newPassword: 'new password here',
      keepSessionId: 'this',
    });
    const live = state().sessions.filter((x) => x.expiresAt.getTime() > Date.now());
    assert.deepEqual(
      live.map((x) => x.id),
      ['this'],
    );
    assert.ok(state().oauthTokens[0]!.revokedAt instanceof Date, 'the app token is revoked');
  });

  test('a wrong current password changes nothing', async () => {
    const { services, state, account, snapshot } = setup();
    const ann = await account('ann', await hashPassword('old password here'));
    state().oauthTokens.push({ id: 't1', accountId: ann.id, revokedAt: null });
    const before = snapshot();
    await assert.rejects(
      services.settings.changePassword({
        actorId: ann.id,
        currentPassword: 'wrong',
        newPassword: 'new password here',
      }),
      (e: unknown) => isDomainError(e, 'validation_failed'),
    );
    assert.equal(snapshot(), before);
  });

  test('suspension revokes app tokens, so lifting it brings none back', async () => {
    const { services, state, account } = setup();
    const ann = await account('ann');
    state().oauthTokens.push({ id: 't1', accountId: ann.id, revokedAt: null });
    await services.admin.suspend('ann');
    await services.admin.unsuspend('ann');
    assert.ok(state().oauthTokens[0]!.revokedAt instanceof Date);
  });
});

describe('password reset requests', () => {
  test('any well-formed address gets the same answer and the same work: one queued request, no token yet', async () => {
    const { services, state, account } = setup();
    await account('ann');
    await services.accountEmails.requestPasswordReset({ email: 'ann@example.com' });
    await services.accountEmails.requestPasswordReset({ email: 'nobody@example.com' });
    assert.deepEqual(
      state().jobs.map((j) => [j.task, j.payload]),
      [
        ['password-reset-request', { email: 'ann@example.com' }],
        ['password-reset-request', { email: 'nobody@example.com' }],
      ],
    );
    assert.equal(state().tokens.length, 0);
  });

  test('the worker half issues a link only for an active account with that address', async () => {
    const { services, state, account, uow } = setup();
    await account('ann');
    const sus = await account('sus');
    await uow.accounts.setSuspended(sus.id, true);
    assert.equal(await services.accountEmails.issuePasswordReset({ email: 'ANN@example.com' }), true);
    assert.equal(await services.accountEmails.issuePasswordReset({ email: 'nobody@example.com' }), false);
    assert.equal(await services.accountEmails.issuePasswordReset({ email: 'sus@example.com' }), false);
    assert.equal(state().tokens.length, 1);
    assert.deepEqual(
      state().jobs.map((j) => j.task),
      ['password-reset-email'],
    );
  });
});
