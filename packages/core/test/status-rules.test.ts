// Status rules of docs/product.md §3: 1–500 Unicode code points after trimming; the supported visibilities.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { codePointLength, STATUS_MAX, statusTextError, visibilityError } from '@microposts/core';

const tooLong = (n: number) => `Text is too long (${n} characters; the maximum is 500).`;

describe('codePointLength', () => {
  test('counts code points, not UTF-16 units', () => {
    assert.equal(codePointLength(''), 0);
    assert.equal(codePointLength('abc'), 3);
    assert.equal(codePointLength('😀'), 1);
    assert.equal('😀'.length, 2);
    assert.equal(codePointLength('e\u0301'), 2); // e + combining acute accent
    assert.equal(codePointLength('👩‍💻'), 3); // woman, ZWJ, laptop
    assert.equal(codePointLength('🇫🇷'), 2); // two regional indicators
    assert.equal(codePointLength('\u{1D49C}'), 1); // mathematical script A, outside the BMP
  });
});

describe('statusTextError', () => {
  test('the maximum is 500', () => {
    assert.equal(STATUS_MAX, 500);
  });

  test('empty and whitespace-only texts are blank', () => {
    for (const blank of ['', ' ', '   ', '\n', '\r\n\t ', '\u00a0', '\u3000', '\u2028', ' \n \n ']) {
      assert.equal(statusTextError(blank), "Text can't be blank.", JSON.stringify(blank));
    }
  });

  test('one character is enough', () => {
    assert.equal(statusTextError('a'), undefined);
    assert.equal(statusTextError('😀'), undefined);
    assert.equal(statusTextError('  a  '), undefined);
  });

  test('exactly 500 ASCII characters pass, 501 fail', () => {
    assert.equal(statusTextError('a'.repeat(500)), undefined);
    assert.equal(statusTextError('a'.repeat(501)), tooLong(501));
  });

  test('500 emoji pass although they are 1000 UTF-16 units; 501 fail', () => {
    const five = '😀'.repeat(500);
    assert.equal(five.length, 1000);
    assert.equal(statusTextError(five), undefined);
    assert.equal(statusTextError('😀'.repeat(501)), tooLong(501));
  });

  test('combining characters count as code points of their own', () => {
    // 250 × (e + U+0301) is 500 code points: allowed.
    assert.equal(statusTextError('e\u0301'.repeat(250)), undefined);
    // One more combining mark makes 501.
    assert.equal(statusTextError('e\u0301'.repeat(250) + '\u0301'), tooLong(501));
    // 500 visible "é" made of two code points each is 1000 code points.
    assert.equal(statusTextError('e\u0301'.repeat(500)), tooLong(1000));
    // The precomposed form is one code point each.
    assert.equal(statusTextError('\u00e9'.repeat(500)), undefined);
  });

  test('a mix of astral, BMP and ASCII characters at the boundary', () => {
    const mixed = '😀a\u00e9𝒜'.repeat(125); // 4 code points × 125 = 500
    assert.equal(codePointLength(mixed), 500);
    assert.equal(statusTextError(mixed), undefined);
    assert.equal(statusTextError(mixed + '!'), tooLong(501));
  });

  test('surrounding whitespace is trimmed before counting', () => {
    assert.equal(statusTextError(`   ${'a'.repeat(500)}\n\n  `), undefined);
    assert.equal(statusTextError(` ${'a'.repeat(501)} `), tooLong(501));
    // Inner whitespace counts.
    assert.equal(statusTextError(`a${' '.repeat(499)}b`), tooLong(501));
  });
});

describe('statusTextError and NUL', () => {
  test('a NUL byte is refused (PostgreSQL cannot store it)', () => {
    assert.equal(statusTextError('a\0b'), 'Text contains a character that is not allowed (NUL).');
    assert.equal(statusTextError('tab\tand\nnewline'), undefined);
  });
});

describe('visibilityError', () => {
  test("Mastodon's four are supported", () => {
    for (const v of ['public', 'unlisted', 'private', 'direct']) assert.equal(visibilityError(v), undefined);
  });

  test('others are refused with the list of supported ones', () => {
    for (const bad of ['limited', 'followers', 'PUBLIC', '', 'public ']) {
      assert.equal(
        visibilityError(bad),
        'Visibility must be one of: public, unlisted, private, direct.',
        JSON.stringify(bad),
      );
    }
  });
});
