// Unit tests of the parameter rules (no I/O): one string per parameter, Rails booleans and Mastodon's paging.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiPage } from '../src/api/pagination.ts';
import { param, toBoolean } from '../src/params.ts';

test('booleans: 0 f F false FALSE off OFF are false, empty is not given, the rest true', () => {
  for (const v of ['0', 'f', 'F', 'false', 'FALSE', 'off', 'OFF', false])
    assert.equal(toBoolean(v), false, String(v));
  for (const v of ['1', 't', 'true', 'on', 'yes', 'anything', true])
    assert.equal(toBoolean(v), true, String(v));
  for (const v of ['', undefined, null]) assert.equal(toBoolean(v), undefined);
});

test('booleans as Python clients send them: False (any case) is false, True true, None not given', () => {
  for (const v of ['False', 'fAlSe', 'Off', 'OfF']) assert.equal(toBoolean(v), false, v);
  assert.equal(toBoolean('True'), true);
  assert.equal(toBoolean('None'), undefined);
});

test('a parameter is one string: a JSON number counts as its digits, anything else is absent', () => {
  assert.equal(param({ q: 'cat' }, 'q'), 'cat');
  assert.equal(param({ q: '' }, 'q'), '');
  assert.equal(param({ id: 117706958970291 }, 'id'), '117706958970291');
  for (const q of [['a', 'b'], { a: 'b' }, true, null, undefined]) assert.equal(param({ q }, 'q'), undefined);
  assert.equal(param(undefined, 'q'), undefined);
});

test('limit: default, clamped to twice the default, absolute value, 0 allowed', () => {
  assert.equal(apiPage({}).limit, 20);
  assert.equal(apiPage({}, 40).limit, 40);
  assert.equal(apiPage({ limit: '5' }).limit, 5);
  assert.equal(apiPage({ limit: '100000' }).limit, 40);
  assert.equal(apiPage({ limit: '100000' }, 40).limit, 80);
  assert.equal(apiPage({ limit: '0' }).limit, 0);
  assert.equal(apiPage({ limit: '-7' }).limit, 7);
  assert.equal(apiPage({ limit: 'abc' }).limit, 0);
  assert.equal(apiPage({ limit: '' }).limit, 20);
});

test('cursors are read as Rails reads ids: leading digits, else 0, clamped to a bigint', () => {
  assert.equal(apiPage({ max_id: 'abc' }).maxId, '0');
  assert.equal(apiPage({ max_id: '123abc' }).maxId, '123');
  assert.equal(apiPage({ since_id: '-5' }).sinceId, '0');
  assert.equal(apiPage({ min_id: '99999999999999999999999' }).minId, '9223372036854775807');
  assert.equal(apiPage({ max_id: '' }).maxId, undefined);
  assert.equal(apiPage({ max_id: ['1', '2'] }).maxId, undefined);
});
