// Cursor parameters from untrusted query strings: malformed or out-of-range ids are dropped, never sent to SQL.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isId, pageRequest } from '@microposts/core';

describe('isId', () => {
  test('accepts decimal ids up to the largest bigint', () => {
    for (const ok of ['0', '1', '117678581286699021', '9223372036854775807'])
      assert.equal(isId(ok), true, ok);
  });

  test('refuses anything else, including ids past the bigint range', () => {
    for (const bad of [
      '',
      ' 1',
      '1 ',
      '-1',
      '1.5',
      '1e3',
      'abc',
      '0x10',
      '9223372036854775808',
      '9999999999999999999',
      '1'.repeat(20),
      '١٢٣',
    ]) {
      assert.equal(isId(bad), false, bad);
    }
    for (const bad of [1, null, undefined, ['1'], { id: '1' }]) assert.equal(isId(bad), false, String(bad));
  });
});

describe('pageRequest', () => {
  test('keeps valid cursors and the limit', () => {
    assert.deepEqual(pageRequest({ max_id: '10', since_id: '2', min_id: '3', limit: '5' }), {
      maxId: '10',
      sinceId: '2',
      minId: '3',
      limit: 5,
    });
  });

  test('drops malformed and out-of-range cursors', () => {
    assert.deepEqual(pageRequest({ max_id: '9999999999999999999', since_id: ['1'], min_id: "1' OR 1=1" }), {
      maxId: undefined,
      sinceId: undefined,
      minId: undefined,
      limit: 20,
    });
  });

  test('the limit defaults to 20 and is clamped to twice the default', () => {
    assert.equal(pageRequest({}).limit, 20);
    assert.equal(pageRequest({ limit: '0' }).limit, 20);
    assert.equal(pageRequest({ limit: '-5' }).limit, 20);
    assert.equal(pageRequest({ limit: '2.5' }).limit, 20);
    assert.equal(pageRequest({ limit: 'many' }).limit, 20);
    assert.equal(pageRequest({ limit: '1000' }).limit, 40);
    assert.equal(pageRequest({ limit: 7 }).limit, 7);
    assert.equal(pageRequest({ limit: '1000' }, 40).limit, 80);
  });
});
