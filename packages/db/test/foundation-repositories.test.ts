// The foundation's repositories on real PostgreSQL: accounts, statuses, sessions and the unit of work.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { ValidationError, type Account, type PageRequest } from '@microposts/core';
import { unitOfWork } from '@microposts/db';
import { testApp } from '../../../test/support/app.ts';

const app = await testApp();
const { db } = app;
const uow = unitOfWork(db);

let n = 0;
/** A new account straight through the repository (no argon2: these tests are about storage). */
async function account(name = `user${++n}`): Promise<Account> {
  return uow.accounts.create({ username: name, email: `${name}@example.com`, passwordHash: 'x' });
}

const count = async (table: 'accounts' | 'statuses' | 'mentions' | 'sessions') =>
  Number((await db.selectFrom(table).select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

async function post(
  author: Account,
  text: string,
  options: { mentions?: string[]; visibility?: 'public' | 'unlisted' } = {},
) {
  return uow.statuses.create({
    accountId: author.id,
    text,
    html: `<p>${text}</p>`,
    visibility: options.visibility ?? 'public',
    inReplyToId: null,
    inReplyToAccountId: null,
    mentionedAccountIds: options.mentions ?? [],
    tags: [],
  });
}

describe('accounts', () => {
  test('create returns the account as stored, shown as typed', async () => {
    const a = await uow.accounts.create({
      username: 'CamelCase',
      email: 'Camel@Example.com',
      passwordHash: 'h',
    });
    assert.match(a.id, /^\d+$/);
    assert.equal(a.username, 'CamelCase');
    assert.equal(a.email, 'Camel@Example.com');
    assert.equal(a.displayName, '');
    assert.equal(a.mentionEmails, true);
    assert.equal(a.emailConfirmedAt, null);
    assert.equal(a.suspendedAt, null);
    assert.ok(a.createdAt instanceof Date);
    assert.deepEqual(await uow.accounts.findById(a.id), a);
  });

  test('lookups ignore case', async () => {
    const a = await account('MixedCase');
    assert.equal((await uow.accounts.findByUsername('mixedcase'))?.id, a.id);
    assert.equal((await uow.accounts.findByUsername('MIXEDCASE'))?.id, a.id);
    assert.equal((await uow.accounts.findCredentials('mIxEdCaSe'))?.account.id, a.id);
    assert.equal((await uow.accounts.findCredentials('MIXEDCASE@EXAMPLE.COM'))?.account.id, a.id);
    assert.equal((await uow.accounts.findCredentials('mixedcase@example.com'))?.passwordHash, 'x');
    assert.equal(await uow.accounts.usernameTaken('MIXEDcase'), true);
    assert.equal(await uow.accounts.emailTaken('MixedCase@EXAMPLE.com'), true);
    assert.equal(await uow.accounts.usernameTaken('mixedcase2'), false);
    assert.equal(await uow.accounts.emailTaken('other@example.com'), false);
  });

  test('unknown ids and names are null', async () => {
    assert.equal(await uow.accounts.findById('1'), null);
    assert.equal(await uow.accounts.findByUsername('nobody_here'), null);
    assert.equal(await uow.accounts.findCredentials('nobody_here'), null);
    assert.equal(await uow.accounts.findCredentials('nobody@example.com'), null);
  });

  test('a username taken in another case is a field error, and nothing is written', async () => {
    await account('Taken');
    const before = await count('accounts');
    await assert.rejects(
      uow.accounts.create({ username: 'tAKEN', email: 'fresh@example.com', passwordHash: 'x' }),
      (e) =>
        e instanceof ValidationError && e.fields.username === 'Username is already taken.' && !e.fields.email,
    );
    assert.equal(await count('accounts'), before);
  });

  test('an e-mail taken in another case is a field error, and nothing is written', async () => {
    await account('mailowner');
    const before = await count('accounts');
    await assert.rejects(
      uow.accounts.create({ username: 'someone_new', email: 'MAILOWNER@example.COM', passwordHash: 'x' }),
      (e) =>
        e instanceof ValidationError &&
        e.fields.email === 'E-mail is already registered.' &&
        !e.fields.username,
    );
    assert.equal(await count('accounts'), before);
  });

  test('the race path: two sign-ups that both passed the checks; the unique index decides', async () => {
    // Both run the "is it taken?" queries before either inserts (argon2 takes a while in between).
    const results = await Promise.allSettled([
      app.services.accounts.register({
        username: 'racer',
        email: 'racer1@example.com',
        password: 'password one',
      }),
      app.services.accounts.register({
        username: 'RACER',
        email: 'racer2@example.com',
        password: 'password two',
      }),
    ]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r) => r.status === 'rejected');
    assert.equal(ok.length, 1);
    assert.equal(failed.length, 1);
    const error = (failed[0] as PromiseRejectedResult).reason;
    assert.ok(error instanceof ValidationError, String(error));
    assert.deepEqual(error.fields, { username: 'Username is already taken.' });
    const rows = await db
      .selectFrom('accounts')
      .select('username')
      .where(sql`lower(username)`, '=', 'racer')
      .execute();
    assert.equal(rows.length, 1);
  });

  test('findMentionable ignores case and skips suspended and unknown accounts', async () => {
    const a = await account('mention_a');
    const b = await account('mention_b');
    await db.updateTable('accounts').set({ suspended_at: new Date() }).where('id', '=', b.id).execute();
    const found = await uow.accounts.findMentionable(['MENTION_A', 'mention_b', 'mention_nobody']);
    assert.deepEqual(
      found.map((f) => f.id),
      [a.id],
    );
    assert.deepEqual(await uow.accounts.findMentionable([]), []);
  });
});

describe('statuses', () => {
  let author: Account;
  let mentioned: Account[];
  before(async () => {
    author = await account('status_author');
    mentioned = [await account('zed'), await account('amy')];
  });

  test('create stores the status with its mentions, read back with its author', async () => {
    const id = await post(author, 'hi @zed @amy', { mentions: mentioned.map((m) => m.id) });
    const status = await uow.statuses.findById(id);
    assert.ok(status);
    assert.equal(status.text, 'hi @zed @amy');
    assert.equal(status.html, '<p>hi @zed @amy</p>');
    assert.equal(status.visibility, 'public');
    assert.equal(status.account.id, author.id);
    assert.equal(status.account.username, 'status_author');
    assert.deepEqual(status.mentions, [
      { accountId: mentioned[1]!.id, username: 'amy' },
      { accountId: mentioned[0]!.id, username: 'zed' },
    ]);
  });

  test('findById of an unknown id is null', async () => {
    assert.equal(await uow.statuses.findById('123456789'), null);
  });

  test('findById hides statuses of suspended authors, and shows them again when lifted', async () => {
    const shady = await account('shady');
    const id = await post(shady, 'now you see me');
    assert.ok(await uow.statuses.findById(id));
    await db.updateTable('accounts').set({ suspended_at: new Date() }).where('id', '=', shady.id).execute();
    assert.equal(await uow.statuses.findById(id), null);
    assert.ok(!(await uow.timelines.public({ limit: 40 })).some((s) => s.id === id));
    assert.deepEqual(await uow.timelines.account(shady.id, { limit: 40 }), []);
    await db.updateTable('accounts').set({ suspended_at: null }).where('id', '=', shady.id).execute();
    assert.ok(await uow.statuses.findById(id));
  });

  test('delete removes the status and, by cascade, its mentions; replies lose their parent', async () => {
    const id = await post(author, 'bye @zed', { mentions: [mentioned[0]!.id] });
    const reply = await uow.statuses.create({
      accountId: mentioned[0]!.id,
      text: 'reply',
      html: '<p>reply</p>',
      visibility: 'public',
      inReplyToId: id,
      inReplyToAccountId: author.id,
      mentionedAccountIds: [],
      tags: [],
    });
    const mentionsOf = async () =>
      (await db.selectFrom('mentions').selectAll().where('status_id', '=', id).execute()).length;
    assert.equal(await mentionsOf(), 1);
    await uow.statuses.delete(id);
    assert.equal(await uow.statuses.findById(id), null);
    assert.equal(await mentionsOf(), 0);
    assert.equal((await uow.statuses.findById(reply))?.inReplyToId, null);
  });

  test('the public timeline holds public statuses only; a profile shows unlisted ones too', async () => {
    const quiet = await account('quiet');
    const pub = await post(quiet, 'public one');
    const unlisted = await post(quiet, 'unlisted one', { visibility: 'unlisted' });
    const publicIds = (await uow.timelines.public({ limit: 40 })).map((s) => s.id);
    assert.ok(publicIds.includes(pub));
    assert.ok(!publicIds.includes(unlisted));
    assert.deepEqual(
      (await uow.timelines.account(quiet.id, { limit: 40 })).map((s) => s.id),
      [unlisted, pub],
    );
  });
});

describe('timeline pagination', () => {
  let writer: Account;
  let ids: string[]; // oldest first
  const page = (p: Partial<PageRequest>) => uow.timelines.account(writer.id, { limit: 3, ...p });
  const idsOf = async (p: Partial<PageRequest>) => (await page(p)).map((s) => s.id);

  before(async () => {
    writer = await account('pager');
    ids = [];
    for (let i = 0; i < 10; i++) ids.push(await post(writer, `post ${i}`));
  });

  test('ids grow with time, and the first page is the newest, newest first', async () => {
    for (let i = 1; i < ids.length; i++) assert.ok(BigInt(ids[i]!) > BigInt(ids[i - 1]!));
    assert.deepEqual(await idsOf({}), [ids[9], ids[8], ids[7]]);
  });

  test('max_id pages back with no gap and no repeat, while new statuses arrive', async () => {
    const seen: string[] = [];
    const added: string[] = [];
    let maxId: string | undefined;
    for (;;) {
      const got = await idsOf({ maxId });
      if (got.length === 0) break;
      seen.push(...got);
      maxId = got.at(-1);
      // Someone posts between two page loads: the next page must not shift.
      added.push(await post(writer, `arrived while paging ${added.length}`));
    }
    assert.deepEqual(seen, [...ids].reverse());
    // And the new statuses are there for the next first page.
    assert.deepEqual(await idsOf({}), added.slice(-3).reverse());
    for (const id of added) await uow.statuses.delete(id);
  });

  test('since_id: the newest statuses newer than the id, newest first', async () => {
    assert.deepEqual(await idsOf({ sinceId: ids[2] }), [ids[9], ids[8], ids[7]]);
    assert.deepEqual(await idsOf({ sinceId: ids[8] }), [ids[9]]);
    assert.deepEqual(await idsOf({ sinceId: ids[9] }), []);
  });

  test('min_id: the statuses immediately newer than the id, still newest first', async () => {
    assert.deepEqual(await idsOf({ minId: ids[2] }), [ids[5], ids[4], ids[3]]);
    assert.deepEqual(await idsOf({ minId: ids[7] }), [ids[9], ids[8]]);
  });

  test('max_id with since_id or min_id bounds a range', async () => {
    assert.deepEqual(await idsOf({ maxId: ids[6], sinceId: ids[1] }), [ids[5], ids[4], ids[3]]);
    assert.deepEqual(await idsOf({ maxId: ids[6], minId: ids[1] }), [ids[4], ids[3], ids[2]]);
    assert.deepEqual(await idsOf({ maxId: ids[3], minId: ids[1], limit: 10 }), [ids[2]]);
  });

  test('the public timeline pages the same way', async () => {
    const first = await uow.timelines.public({ limit: 2 });
    const next = await uow.timelines.public({ limit: 2, maxId: first.at(-1)!.id });
    assert.equal(next.length, 2);
    assert.ok(BigInt(next[0]!.id) < BigInt(first.at(-1)!.id));
  });
});

describe('sessions', () => {
  const later = () => new Date(Date.now() + 3600_000);

  test('set then get, with the data as JSON; set again replaces it', async () => {
    const owner = await account();
    await uow.sessions.set('s-1', {
      accountId: owner.id,
      data: { accountId: owner.id, flash: 'hi' },
      expiresAt: later(),
    });
    const got = await uow.sessions.get('s-1');
    assert.equal(got?.accountId, owner.id);
    assert.deepEqual(got?.data, { accountId: owner.id, flash: 'hi' });
    await uow.sessions.set('s-1', { accountId: null, data: { n: 2 }, expiresAt: later() });
    assert.deepEqual(await uow.sessions.get('s-1'), {
      accountId: null,
      data: { n: 2 },
      expiresAt: (await uow.sessions.get('s-1'))!.expiresAt,
    });
    assert.equal((await db.selectFrom('sessions').selectAll().where('id', '=', 's-1').execute()).length, 1);
  });

  test('an expired session is not returned', async () => {
    await uow.sessions.set('s-old', { accountId: null, data: {}, expiresAt: new Date(Date.now() - 1000) });
    assert.equal(await uow.sessions.get('s-old'), null);
    assert.equal(await uow.sessions.get('s-never-set'), null);
  });

  test('destroy removes one session', async () => {
    await uow.sessions.set('s-2', { accountId: null, data: {}, expiresAt: later() });
    await uow.sessions.destroy('s-2');
    assert.equal(await uow.sessions.get('s-2'), null);
  });

  test("destroyForAccount ends that account's sessions but the one kept, and no one else's", async () => {
    const a = await account();
    const b = await account();
    for (const id of ['a-1', 'a-2', 'a-3'])
      await uow.sessions.set(id, { accountId: a.id, data: {}, expiresAt: later() });
    await uow.sessions.set('b-1', { accountId: b.id, data: {}, expiresAt: later() });
    await uow.sessions.destroyForAccount(a.id, 'a-2');
    assert.equal(await uow.sessions.get('a-1'), null);
    assert.ok(await uow.sessions.get('a-2'));
    assert.equal(await uow.sessions.get('a-3'), null);
    assert.ok(await uow.sessions.get('b-1'));
    await uow.sessions.destroyForAccount(a.id);
    assert.equal(await uow.sessions.get('a-2'), null);
    assert.ok(await uow.sessions.get('b-1'));
  });

  test('a request that was running when its session ended cannot save it back', async () => {
    const a = await account();
    await uow.sessions.set('racer', { accountId: a.id, data: { accountId: a.id }, expiresAt: later() });
    await uow.sessions.destroyForAccount(a.id);
    // The late save of that request, e.g. one setting a flash message during a password reset:
    await uow.sessions.set('racer', {
      accountId: a.id,
      data: { accountId: a.id, flash: 'x' },
      expiresAt: later(),
    });
    assert.equal(await uow.sessions.get('racer'), null);
    await uow.sessions.set('logged-out', { accountId: a.id, data: {}, expiresAt: later() });
    await uow.sessions.destroy('logged-out');
    await uow.sessions.set('logged-out', { accountId: a.id, data: {}, expiresAt: later() });
    assert.equal(await uow.sessions.get('logged-out'), null);
  });
});

describe('unit of work', () => {
  test('a transaction returns what its function returns and commits its writes', async () => {
    const result = await uow.transaction(async (tx) => {
      const a = await tx.accounts.create({
        username: 'committed',
        email: 'committed@example.com',
        passwordHash: 'x',
      });
      return a.id;
    });
    assert.equal((await uow.accounts.findById(result))?.username, 'committed');
  });

  test('an error thrown inside rolls back every write of the transaction', async () => {
    const before = {
      accounts: await count('accounts'),
      statuses: await count('statuses'),
      mentions: await count('mentions'),
    };
    const other = await account();
    const afterSetup = await count('accounts');
    await assert.rejects(
      uow.transaction(async (tx) => {
        const a = await tx.accounts.create({
          username: 'rolled_back',
          email: 'rb@example.com',
          passwordHash: 'x',
        });
        await tx.statuses.create({
          accountId: a.id,
          text: 'never',
          html: '<p>never</p>',
          visibility: 'public',
          inReplyToId: null,
          inReplyToAccountId: null,
          mentionedAccountIds: [other.id],
          tags: [],
        });
        assert.ok(await tx.accounts.findByUsername('rolled_back'), 'visible inside the transaction');
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.equal(await uow.accounts.findByUsername('rolled_back'), null);
    assert.equal(await count('accounts'), afterSetup);
    assert.equal(await count('statuses'), before.statuses);
    assert.equal(await count('mentions'), before.mentions);
    assert.equal(afterSetup, before.accounts + 1);
  });

  test('a database error half-way (a mention of a missing account) leaves no status behind', async () => {
    const writer = await account();
    const before = await count('statuses');
    await assert.rejects(
      uow.transaction((tx) =>
        tx.statuses.create({
          accountId: writer.id,
          text: 'half',
          html: '<p>half</p>',
          visibility: 'public',
          inReplyToId: null,
          inReplyToAccountId: null,
          mentionedAccountIds: ['999999999999'],
          tags: [],
        }),
      ),
      (e: { code?: string }) => e.code === '23503', // foreign key violation, after the status row was inserted
    );
    assert.equal(await count('statuses'), before);
  });

  test('a unique violation inside a transaction rolls back the writes before it', async () => {
    await account('first_owner');
    const before = await count('accounts');
    await assert.rejects(
      uow.transaction(async (tx) => {
        await tx.accounts.create({
          username: 'second_ok',
          email: 'second_ok@example.com',
          passwordHash: 'x',
        });
        await tx.accounts.create({ username: 'FIRST_OWNER', email: 'x2@example.com', passwordHash: 'x' });
      }),
      ValidationError,
    );
    assert.equal(await count('accounts'), before);
    assert.equal(await uow.accounts.findByUsername('second_ok'), null);
  });
});
