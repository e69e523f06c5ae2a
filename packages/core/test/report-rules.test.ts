// What a valid report is, and who may moderate whom (rules/report-rules.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canModerate, checkReport, isAccountRole, outranks } from '../src/rules/report-rules.ts';

test('a report: category defaults to other, rule ids make it a violation, comment trimmed, ids once', () => {
  assert.deepEqual(checkReport({}), { errors: {}, category: 'other', comment: '', statusIds: [] });
  assert.deepEqual(checkReport({ category: '', comment: '  why \n', statusIds: ['2', '1', '2'] }), {
    errors: {},
    category: 'other',
    comment: 'why',
    statusIds: ['2', '1'],
  });
  for (const category of ['spam', 'legal', 'other'])
    assert.deepEqual(checkReport({ category }).errors, {}, category);
  // No server rules exist, so a violation (given, or implied by rule ids) is refused as Mastodon does.
  const invalidRules = { rule_ids: 'Rule ids does not reference valid rules' };
  assert.deepEqual(checkReport({ category: 'violation' }).errors, invalidRules);
  assert.deepEqual(checkReport({ category: 'spam', ruleIds: ['1'] }).errors, invalidRules);
  assert.deepEqual(checkReport({ category: 'Spam' }).errors, {
    category: 'Category is not included in the list',
  });
});

test('the comment counts characters, not UTF-16 units; statuses are bounded', () => {
  assert.deepEqual(checkReport({ comment: '😀'.repeat(1000) }).errors, {});
  assert.deepEqual(checkReport({ comment: 'a'.repeat(1001) }).errors, {
    comment: 'Comment is too long (maximum is 1000 characters)',
  });
  const ids = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));
  assert.deepEqual(checkReport({ statusIds: ids(50) }).errors, {});
  assert.deepEqual(checkReport({ statusIds: ids(51) }).errors, {
    status_ids: 'Status ids are too many (maximum is 50)',
  });
});

test('roles: moderators and admins moderate; only a higher role acts against another', () => {
  assert.deepEqual((['user', 'moderator', 'admin'] as const).map(canModerate), [false, true, true]);
  assert.equal(outranks('moderator', 'user'), true);
  assert.equal(outranks('admin', 'moderator'), true);
  assert.equal(outranks('admin', 'user'), true);
  assert.equal(outranks('moderator', 'moderator'), false);
  assert.equal(outranks('moderator', 'admin'), false);
  assert.equal(outranks('admin', 'admin'), false);
  // A user outranks nobody, not even a user.
  assert.equal(outranks('user', 'user'), false);
  assert.deepEqual(['user', 'moderator', 'admin', 'owner', 'Admin', ''].map(isAccountRole), [
    true,
    true,
    true,
    false,
    false,
    false,
  ]);
});
