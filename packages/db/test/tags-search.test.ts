// Hashtags and search on real PostgreSQL: storage on create and edit, tag timelines, ranked search.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isDomainError, ValidationError, type Account } from '@microposts/core';
import { unitOfWork } from '@microposts/db';
import { testApp } from '../../../test/support/app.ts';

const app = await testApp();
const { db, services } = app;
const uow = unitOfWork(db);

let n = 0;
async function account(name = `user${++n}`, displayName = ''): Promise<Account> {
  return uow.accounts.create({
    username: name,
    email: `${name}@example.com`,
    passwordHash: 'x',
    displayName,
  });
}
const post = (author: Account, text: string, visibility = 'public') =>
  services.statuses.create({ actorId: author.id, text, visibility });
const count = async (table: 'tags' | 'status_tags' | 'statuses') =>
  Number((await db.selectFrom(table).select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const tagsOf = async (statusId: string) =>
  (
    await db
      .selectFrom('status_tags')
      .innerJoin('tags', 'tags.id', 'status_tags.tag_id')
      .select('tags.name')
      .where('status_id', '=', statusId)
      .orderBy('tags.name')
      .execute()
  ).map((r) => r.name);

describe('hashtags', () => {
  test('stored normalized when a status is created, once per tag', async () => {
    const a = await account();
    const s = await post(a, 'Morning #Coffee and #TEA, more #coffee #ｃｏｆｆｅｅ');
    assert.deepEqual(await tagsOf(s.id), ['coffee', 'tea']);
    const s2 = await post(a, 'Another #coffee');
    assert.deepEqual(await tagsOf(s2.id), ['coffee']);
    const names = await db.selectFrom('tags').select('name').where('name', 'in', ['coffee', 'tea']).execute();
    assert.equal(names.length, 2);
  });

  test('re-stored on edit: removed tags detached, new ones attached', async () => {
    const a = await account();
    const s = await post(a, '#alpha #beta');
    await services.statuses.edit({ actorId: a.id, statusId: s.id, text: '#beta #gamma' });
    assert.deepEqual(await tagsOf(s.id), ['beta', 'gamma']);
    await services.statuses.edit({ actorId: a.id, statusId: s.id, text: 'no tags now' });
    assert.deepEqual(await tagsOf(s.id), []);
    await services.statuses.edit({ actorId: a.id, statusId: s.id, text: 'edited #Delta' });
    assert.deepEqual(await tagsOf(s.id), ['delta']);
  });

  test('deleting a status removes it from its tags', async () => {
    const a = await account();
    const s = await post(a, 'gone soon #ephemeral');
    await services.statuses.delete({ actorId: a.id, statusId: s.id });
    assert.deepEqual(await tagsOf(s.id), []);
    const { statuses } = await services.tags.timeline('ephemeral', { limit: 20 });
    assert.deepEqual(statuses, []);
  });

  test('tag timeline: case-insensitive, newest first, public only, paginated', async () => {
    const a = await account();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await post(a, `post ${i} #Paging`)).id);
    await post(a, 'quiet #paging', 'unlisted');
    await post(a, 'other #elsewhere');
    const first = await services.tags.timeline('PAGING', { limit: 3 });
    assert.equal(first.tag.name, 'paging');
    assert.deepEqual(
      first.statuses.map((s) => s.id),
      ids.slice(2).reverse(),
    );
    const older = await services.tags.timeline('#paging', { limit: 3, maxId: first.statuses.at(-1)!.id });
    assert.deepEqual(
      older.statuses.map((s) => s.id),
      ids.slice(0, 2).reverse(),
    );
    const newer = await services.tags.timeline('paging', { limit: 3, minId: ids[1] });
    assert.deepEqual(
      newer.statuses.map((s) => s.id),
      ids.slice(2).reverse(),
    );
  });

  test('a valid tag nobody used has an empty timeline and writes nothing', async () => {
    const before = await count('tags');
    const t = await services.tags.timeline('nobodyusedthis', { limit: 20 });
    assert.deepEqual(t, { tag: { id: null, name: 'nobodyusedthis' }, statuses: [] });
    assert.equal(await count('tags'), before);
  });

  test('invalid tags are not found, with the reason', async () => {
    const cases: [string, string][] = [
      ['', 'Enter a hashtag.'],
      ['x'.repeat(501), 'Hashtags are at most 100 characters long.'],
      ["x' OR 1=1 --", 'Hashtags are made of letters, digits and underscores, with at least one letter.'],
      ['<b>', 'Hashtags are made of letters, digits and underscores, with at least one letter.'],
      ['123', 'Hashtags are made of letters, digits and underscores, with at least one letter.'],
    ];
    for (const [tag, message] of cases) {
      await assert.rejects(services.tags.timeline(tag, { limit: 20 }), (e: unknown) => {
        assert.ok(isDomainError(e, 'not_found'));
        assert.equal(e.message, message);
        return true;
      });
    }
  });

  test('statuses of suspended authors are hidden from tag timelines', async () => {
    const a = await account();
    await post(a, 'soon hidden #suspendedtag');
    assert.equal((await services.tags.timeline('suspendedtag', { limit: 20 })).statuses.length, 1);
    await services.admin.suspend(a.username);
    assert.equal((await services.tags.timeline('suspendedtag', { limit: 20 })).statuses.length, 0);
    await services.admin.unsuspend(a.username);
    assert.equal((await services.tags.timeline('suspendedtag', { limit: 20 })).statuses.length, 1);
  });
});

describe('search', () => {
  const search = (
    q: string,
    more: { type?: string; limit?: number; offset?: number; viewerId?: string } = {},
  ) => services.search.search({ q, ...more });

  test('accounts by username and display name prefix, ignoring case, exact match first', async () => {
    const exact = await account('zora');
    const longer = await account('zorabella');
    const byName = await account('qq1', 'Zoran Smith');
    const byLaterWord = await account('qq2', 'Anna Zorić');
    await account('qq3', 'Nobody');
    const r = await search('ZORA');
    assert.deepEqual(
      r.accounts.map((a) => a.id),
      [exact.id, longer.id, byName.id],
    );
    assert.deepEqual(
      (await search('zori')).accounts.map((a) => a.id),
      [byLaterWord.id],
    );
    assert.deepEqual(
      (await search('@zorab')).accounts.map((a) => a.id),
      [longer.id],
    );
    // "@" looks at usernames only: "Zoran Smith" is not @zoran.
    assert.deepEqual(
      (await search('@zoran')).accounts.map((a) => a.id),
      [],
    );
    // Public fields only.
    assert.equal('email' in r.accounts[0]!, false);
  });

  test('LIKE wildcards are literal, suspended accounts are not found', async () => {
    await account('wild_card');
    await account('wildxcard');
    assert.deepEqual(
      (await search('wild_')).accounts.map((a) => a.username),
      ['wild_card'],
    );
    assert.deepEqual((await search('%')).accounts, []);
    const s = await account('suspendme');
    await services.admin.suspend(s.username);
    assert.deepEqual((await search('suspendme')).accounts, []);
  });

  test('hashtags by prefix, exact first', async () => {
    const a = await account();
    await post(a, '#searchtag #searchtagging #searchtags');
    const r = await search('#SearchTag', { type: 'hashtags' });
    assert.deepEqual(
      r.hashtags.map((t) => t.name),
      ['searchtag', 'searchtags', 'searchtagging'],
    );
    assert.deepEqual(r.accounts, []);
    assert.deepEqual(r.statuses, []);
  });

  test('statuses by full text: stemmed, ranked by relevance, then newest', async () => {
    const a = await account();
    const once = await post(a, 'I went kayaking on the lake');
    const twice = await post(a, 'Kayaks everywhere, a kayak festival');
    const newerOnce = await post(a, 'More kayaking news');
    await post(a, 'Nothing to see here');
    const r = await search('kayak', { type: 'statuses' });
    assert.deepEqual(
      r.statuses.map((s) => s.id),
      [twice.id, newerOnce.id, once.id],
    );
    const phrase = await search('"kayak festival"', { type: 'statuses' });
    assert.deepEqual(
      phrase.statuses.map((s) => s.id),
      [twice.id],
    );
    const without = await search('kayaking -lake', { type: 'statuses' });
    // "-word" leaves out the status that has it.
    assert.deepEqual(without.statuses.map((s) => s.id).sort(), [twice.id, newerOnce.id].sort());
  });

  test('statuses paginate with limit and offset', async () => {
    const a = await account();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await post(a, `zeppelin number ${i}`)).id);
    const page1 = await search('zeppelin', { type: 'statuses', limit: 2 });
    const page2 = await search('zeppelin', { type: 'statuses', limit: 2, offset: 2 });
    const page3 = await search('zeppelin', { type: 'statuses', limit: 2, offset: 4 });
    assert.deepEqual(
      [...page1.statuses, ...page2.statuses, ...page3.statuses].map((s) => s.id),
      [...ids].reverse(),
    );
  });

  test('unlisted statuses are found only by their author; suspended authors never', async () => {
    const a = await account();
    const other = await account();
    const s = await post(a, 'quokka sighting', 'unlisted');
    assert.deepEqual((await search('quokka')).statuses, []);
    assert.deepEqual((await search('quokka', { viewerId: other.id })).statuses, []);
    assert.deepEqual(
      (await search('quokka', { viewerId: a.id })).statuses.map((x) => x.id),
      [s.id],
    );
    const p = await post(a, 'public quokka');
    assert.deepEqual(
      (await search('quokka')).statuses.map((x) => x.id),
      [p.id],
    );
    await services.admin.suspend(a.username);
    assert.deepEqual((await search('quokka')).statuses, []);
  });

  test('metacharacters are only data: no error, nothing odd matched, nothing written', async () => {
    const a = await account();
    await post(a, 'harmless text about tables');
    const before = await Promise.all([count('tags'), count('statuses')]);
    for (const q of [
      "'; DROP TABLE statuses; --",
      '<script>alert(1)</script>',
      '%',
      '_',
      '\\',
      '!!&&||():*',
      '" unbalanced',
      '-',
      'OR',
      '#',
      '@',
    ]) {
      const r = await search(q);
      assert.ok(Array.isArray(r.statuses), q);
      for (const s of r.statuses) assert.doesNotMatch(s.text, /harmless/, q);
    }
    assert.deepEqual(await Promise.all([count('tags'), count('statuses')]), before);
    assert.equal((await db.selectFrom('statuses').select('id').limit(1).execute()).length, 1);
  });

  test('empty, enormous and ill-typed queries are validation errors with exact messages', async () => {
    const cases: [Parameters<typeof search>, Record<string, string>][] = [
      [[''], { q: 'Enter something to search for.' }],
      [[' \n\t '], { q: 'Enter something to search for.' }],
      [['a'.repeat(501)], { q: 'Search is too long (501 characters; the maximum is 500).' }],
      [['ok', { type: 'people' }], { type: 'Type must be one of: accounts, statuses, hashtags.' }],
    ];
    for (const [args, fields] of cases) {
      await assert.rejects(search(...args), (e: unknown) => {
        assert.ok(e instanceof ValidationError);
        assert.deepEqual(e.fields, fields);
        return true;
      });
    }
  });

  test('limits are clamped', async () => {
    const a = await account();
    for (let i = 0; i < 3; i++) await post(a, `marmoset ${i}`);
    assert.equal((await search('marmoset', { limit: 0 })).statuses.length, 1);
    assert.equal((await search('marmoset', { limit: 1000 })).statuses.length, 3);
    assert.equal((await search('marmoset', { offset: -5 })).statuses.length, 3);
  });
});
