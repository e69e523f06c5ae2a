// A status's language: which codes a client may give, how they are stored, and when detection answers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectLanguage, languageError, normalizeLanguage } from '../src/rules/language-rules.ts';

const REFUSED = 'Language is not a valid ISO 639-1 code';

test('ISO 639-1 codes, with an optional region or script, are accepted; the rest refused', () => {
  for (const ok of ['en', 'DE', 'pt-BR', 'zh_Hant', 'zh-Hant-TW', ' fr ', '', undefined])
    assert.equal(languageError(ok), undefined, String(ok));
  for (const bad of ['english', 'zz', 'e', 'en-', 'eng', '12', 'en-B', 'xx-YY', 'en US'])
    assert.equal(languageError(bad), REFUSED, bad);
});

test('the stored form is the lower-case two-letter code, null when blank', () => {
  assert.equal(normalizeLanguage('pt-BR'), 'pt');
  assert.equal(normalizeLanguage('EN'), 'en');
  assert.equal(normalizeLanguage(' '), null);
  assert.equal(normalizeLanguage(undefined), null);
});

test('detection names clear languages and is silent when unsure', async () => {
  assert.equal(await detectLanguage('Heute ist ein schöner Tag, ich gehe im Park spazieren.'), 'de');
  assert.equal(await detectLanguage('Je pense que nous devrions partir demain matin.'), 'fr');
  assert.equal(await detectLanguage('Сегодня я читаю интересную книгу о космосе'), 'ru');
  assert.equal(await detectLanguage('The train is late again, of course. https://example.com/a/b'), 'en');
  // too few letters once links, mentions and hashtags are left out
  assert.equal(await detectLanguage('lol same'), null);
  assert.equal(await detectLanguage('@alice #coffee https://example.com/long/path/here'), null);
  assert.equal(await detectLanguage('😀😀😀 12345 !!!'), null);
});
