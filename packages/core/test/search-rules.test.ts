// Hashtag and search-query rules: what is accepted and the exact messages (docs/product.md §3–§4).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  cleanSearchQuery,
  searchQueryError,
  searchTerms,
  searchTypeError,
  statusTagNames,
  tagError,
  tagName,
} from '@microposts/core';

const BAD_TAG = 'Hashtags are made of letters, digits and underscores, with at least one letter.';

describe('tagError', () => {
  test('accepts tags the tokenizer links, with or without "#"', () => {
    for (const tag of [
      'coffee',
      '#coffee',
      'Coffee',
      'café',
      '日本語',
      'tag_2026',
      '_',
      '2026x',
      'ＣＯＦＦＥＥ',
    ])
      assert.equal(tagError(tag), undefined, tag);
  });

  test('empty', () => {
    assert.equal(tagError(''), 'Enter a hashtag.');
    assert.equal(tagError('#'), 'Enter a hashtag.');
  });

  test('too long: over 100 code points, and enormous ones', () => {
    assert.equal(tagError('a'.repeat(100)), undefined);
    assert.equal(tagError('a'.repeat(101)), 'Hashtags are at most 100 characters long.');
    assert.equal(tagError('é'.repeat(100)), undefined);
    assert.equal(tagError('x'.repeat(501)), 'Hashtags are at most 100 characters long.');
  });

  test('digits only, SQL and HTML metacharacters, spaces', () => {
    for (const tag of [
      '2026',
      "x' OR '1'='1",
      'x;DROP TABLE tags',
      '<script>',
      'a%',
      'a_%',
      'a\\',
      'two words',
      'a-b',
      '"quoted"',
      'null\u0000byte',
    ])
      assert.equal(tagError(tag), BAD_TAG, JSON.stringify(tag));
  });

  test('tagName normalizes like storage: no "#", NFKC, lower case', () => {
    assert.equal(tagName('#Coffee'), 'coffee');
    assert.equal(tagName('ＣＯＦＦＥＥ'), 'coffee');
    assert.equal(tagName('Café'), 'café');
  });
});

describe('statusTagNames', () => {
  test('distinct normalized names, first seen first', () => {
    assert.deepEqual(statusTagNames('#Coffee and #tea, then #COFFEE again #ｔｅａ'), ['coffee', 'tea']);
    assert.deepEqual(statusTagNames('no tags, just a # and #123 and a&#39;b'), []);
  });
});

describe('cleanSearchQuery and searchQueryError', () => {
  test('trims, collapses whitespace, removes control characters', () => {
    assert.equal(cleanSearchQuery('  hello \n\t world  '), 'hello world');
    assert.equal(cleanSearchQuery('a\u0000b\u200bc'), 'a b c');
    assert.equal(cleanSearchQuery('ｈｅｌｌｏ'), 'hello');
  });

  test('empty after cleaning', () => {
    for (const q of ['', ' ', '\n\t', '\u0000', '\u200b'])
      assert.equal(
        searchQueryError(cleanSearchQuery(q)),
        'Enter something to search for.',
        JSON.stringify(q),
      );
  });

  test('over 500 code points', () => {
    assert.equal(searchQueryError('a'.repeat(500)), undefined);
    assert.equal(
      searchQueryError('a'.repeat(501)),
      'Search is too long (501 characters; the maximum is 500).',
    );
    assert.equal(searchQueryError('😀'.repeat(500)), undefined);
  });

  test('metacharacters are fine: they are data', () => {
    for (const q of ["'; DROP TABLE statuses; --", '<script>alert(1)</script>', '%_\\', '!!&&||()', ':*'])
      assert.equal(searchQueryError(cleanSearchQuery(q)), undefined, q);
  });

  test('type', () => {
    assert.equal(searchTypeError(''), undefined);
    assert.equal(searchTypeError('accounts'), undefined);
    assert.equal(searchTypeError('statuses'), undefined);
    assert.equal(searchTypeError('hashtags'), undefined);
    assert.equal(searchTypeError('users'), 'Type must be one of: accounts, statuses, hashtags.');
  });
});

describe('searchTerms', () => {
  test('plain words look everywhere a word can match', () => {
    assert.deepEqual(searchTerms('Coffee'), {
      account: 'Coffee',
      usernameOnly: false,
      hashtag: 'coffee',
      text: 'Coffee',
    });
    assert.deepEqual(searchTerms('good coffee'), {
      account: 'good coffee',
      usernameOnly: false,
      hashtag: null,
      text: 'good coffee',
    });
  });

  test('"@name" looks for accounts by username only, "user@host" keeps the user part', () => {
    assert.deepEqual(searchTerms('@alice'), {
      account: 'alice',
      usernameOnly: true,
      hashtag: null,
      text: '@alice',
    });
    assert.deepEqual(searchTerms('@alice@example.com'), {
      account: 'alice',
      usernameOnly: true,
      hashtag: null,
      text: '@alice@example.com',
    });
    assert.equal(searchTerms('@<b>').account, null);
  });

  test('"#tag" is a hashtag prefix, never an account', () => {
    assert.deepEqual(searchTerms('#Cof'), {
      account: null,
      usernameOnly: false,
      hashtag: 'cof',
      text: '#Cof',
    });
    assert.equal(searchTerms("#x'--").hashtag, null);
  });
});
