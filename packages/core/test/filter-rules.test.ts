// How a filter matches a status (rules/filter-rules.ts), as Mastodon's CustomFilterKeyword#to_regex:
// ignoring case, whole words only on word boundaries (at the keyword's ends that are word characters),
// over the content warning, the text and the image descriptions; expired filters are inactive.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { filterActive, hiddenBy, matchFilters, type Filter, type Status } from '../src/index.ts';

const filter = (keywords: Array<[string, boolean]>, extra: Partial<Filter> = {}): Filter => ({
  id: '1',
  accountId: '9',
  title: 'T',
  context: ['home'],
  action: 'warn',
  expiresAt: null,
  keywords: keywords.map(([keyword, wholeWord], i) => ({
    id: String(i + 10),
    filterId: '1',
    keyword,
    wholeWord,
  })),
  statuses: [],
  ...extra,
});
const status = (text: string, extra: Partial<Status> = {}) =>
  ({ id: '5', text, spoilerText: '', ...extra }) as Status;
const matches = (f: Filter, s: Status) => matchFilters([f], s)[0]?.keywordMatches ?? null;

test('whole words match on word boundaries only, ignoring case, in any script', () => {
  const cats = filter([['cat', true]]);
  assert.deepEqual(matches(cats, status('My CAT sleeps')), ['CAT']);
  assert.deepEqual(matches(cats, status('cat.')), ['cat']);
  assert.equal(matches(cats, status('concatenate')), null);
  assert.equal(matches(cats, status('cats')), null);
  assert.deepEqual(matches(filter([['кот', true]]), status('Мой КОТ спит')), ['КОТ']);
  assert.equal(matches(filter([['кот', true]]), status('который')), null);
  assert.equal(matches(filter([['café', true]]), status('cafés')), null);
});

test('a keyword that is not a whole word matches inside words; punctuation is literal', () => {
  assert.deepEqual(matches(filter([['cat', false]]), status('concatenate')), ['cat']);
  assert.deepEqual(matches(filter([['c++', true]]), status('I write C++ daily')), ['C++']);
  assert.deepEqual(matches(filter([['#tag', true]]), status('see #Tag now')), ['#Tag']);
  assert.equal(matches(filter([['a.c', false]]), status('abc')), null, 'a dot is a dot');
  assert.deepEqual(matches(filter([['(x|y)', false]]), status('say (x|y)')), ['(x|y)']);
});

test('the content warning and image descriptions count; status filters name statuses', () => {
  const f = filter([['spoiler', true]]);
  assert.deepEqual(matches(f, status('nothing', { spoilerText: 'Spoiler ahead' })), ['Spoiler']);
  const withImage = status('look', {
    media: [{ description: 'a spoiler in the picture' }] as Status['media'],
  });
  assert.deepEqual(matches(f, withImage), ['spoiler']);
  const named = filter([], { statuses: [{ id: '3', filterId: '1', statusId: '5' }], action: 'hide' });
  const [result] = matchFilters([named], status('anything'));
  assert.deepEqual(result?.statusMatches, ['5']);
  assert.equal(result?.keywordMatches, null);
  assert.equal(hiddenBy(matchFilters([named], status('anything'))), true);
  assert.deepEqual(matchFilters([named], { ...status('x'), id: '6' }), []);
});

test('an expired filter is not active', () => {
  const now = new Date('2026-12-01T00:00:00Z');
  assert.equal(filterActive({ expiresAt: null }, now), true);
  assert.equal(filterActive({ expiresAt: new Date('2026-12-01T00:00:01Z') }, now), true);
  assert.equal(filterActive({ expiresAt: now }, now), false);
});
