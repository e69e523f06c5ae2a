// Account rules of docs/product.md §3: username, e-mail and password, at and just past every boundary.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { emailError, passwordError, PASSWORD_MAX, PASSWORD_MIN, usernameError } from '@microposts/core';

describe('usernameError', () => {
  test('accepts letters, digits and underscores from 1 to 30 characters', () => {
    for (const ok of [
      'a',
      'Z',
      '0',
      '_',
      'alice',
      'Alice_Smith_99',
      '___',
      'a'.repeat(30),
      'A1_'.repeat(10),
    ]) {
      assert.equal(usernameError(ok), undefined, ok);
    }
  });

  test('an empty username is required', () => {
    assert.equal(usernameError(''), 'Username is required.');
  });

  test('31 characters is too long', () => {
    assert.equal(usernameError('a'.repeat(31)), 'Username must be at most 30 characters.');
    assert.equal(usernameError('_'.repeat(100)), 'Username must be at most 30 characters.');
  });

  test('refuses every character outside [A-Za-z0-9_]', () => {
    const message = 'Username may only contain letters, digits and underscores.';
    for (const bad of [
      'al ice',
      'alice!',
      'al-ice',
      'al.ice',
      '@alice',
      'alice@example.com',
      'élodie',
      'ａlice', // full-width a
      'аlice', // Cyrillic а
      'alice\n',
      '\talice',
      'ali\u200bce', // zero-width space
      '<script>',
      'a"b',
      "a'b",
      '😀',
      'a/b',
      'a#b',
    ]) {
      assert.equal(usernameError(bad), message, JSON.stringify(bad));
    }
  });
});

describe('emailError', () => {
  test('accepts ordinary addresses', () => {
    for (const ok of [
      'alice@example.com',
      'Alice.Smith+tag@mail.example.co.uk',
      'a@b.cd',
      'x_y-z@sub-domain.example.org',
      'üser@exämple.de',
    ]) {
      assert.equal(emailError(ok), undefined, ok);
    }
  });

  test('an empty address is required', () => {
    assert.equal(emailError(''), 'E-mail is required.');
  });

  test('refuses malformed addresses', () => {
    for (const bad of [
      'alice',
      'alice@',
      '@example.com',
      'alice@example',
      'alice@@example.com',
      'al ice@example.com',
      'alice@exa mple.com',
      'alice@example.com.',
      'alice@example.',
      '<alice>@example.com',
      'alice@example.com>',
      '"alice"@example.com',
      'alice,bob@example.com',
      'alice;bob@example.com',
      'alice@example.com\nBcc: eve@example.com',
      'alice@(comment)example.com',
      'ali\0ce@example.com',
      'alice@exa\u0007mple.com',
      'alice@example.co\u007f',
    ]) {
      assert.equal(emailError(bad), 'E-mail address is not valid.', JSON.stringify(bad));
    }
  });

  test('refuses addresses longer than 254 characters', () => {
    const domain = '@example.com';
    const at254 = 'a'.repeat(254 - domain.length) + domain;
    assert.equal(at254.length, 254);
    assert.equal(emailError(at254), undefined);
    assert.equal(emailError('a' + at254), 'E-mail address is not valid.');
  });
});

describe('passwordError', () => {
  test('the limits are 8 and 256', () => {
    assert.equal(PASSWORD_MIN, 8);
    assert.equal(PASSWORD_MAX, 256);
  });

  test('7 characters is too short, 8 is enough', () => {
    assert.equal(passwordError(''), 'Password must be at least 8 characters.');
    assert.equal(passwordError('1234567'), 'Password must be at least 8 characters.');
    assert.equal(passwordError('12345678'), undefined);
  });

  test('256 characters is the most, 257 is too long', () => {
    assert.equal(passwordError('p'.repeat(256)), undefined);
    assert.equal(passwordError('p'.repeat(257)), 'Password must be at most 256 characters.');
  });

  test('spaces count: a passphrase of words is fine, and is not trimmed away', () => {
    assert.equal(passwordError('correct horse battery staple'), undefined);
    assert.equal(passwordError('        '), undefined);
    assert.equal(passwordError('  short'), 'Password must be at least 8 characters.');
  });

  test('length is counted in characters (code points), not UTF-16 units', () => {
    // Four emoji are eight UTF-16 units but only four characters.
    assert.equal(passwordError('🔑🔑🔑🔑'), 'Password must be at least 8 characters.');
    assert.equal(passwordError('🔑'.repeat(8)), undefined);
    assert.equal(passwordError('🔑'.repeat(256)), undefined);
    assert.equal(passwordError('🔑'.repeat(257)), 'Password must be at most 256 characters.');
  });
});
