// Tokenizing status text: links, @mentions and #hashtags, and the places where they must not be found.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { extractHashtags, extractMentions, normalizeTag, tokenize, type Token } from '@microposts/core';

const kinds = (text: string) => tokenize(text).map((t) => `${t.type}:${t.text}`);

describe('tokenize', () => {
  test('concatenating the tokens gives the input back', () => {
    for (const text of [
      '',
      'plain',
      'hi @alice and #tag at https://example.com/a?b=c#d.',
      '@a@b #c#d https://x.y/@z e@f.gh',
      '<script>alert(1)</script> @x #y',
      '😀 @😀 #😀 https://😀.example',
    ]) {
      assert.equal(
        tokenize(text)
          .map((t) => t.text)
          .join(''),
        text,
      );
    }
  });

  test('finds a link, a mention and a hashtag in order', () => {
    assert.deepEqual(tokenize('Hi @alice, see https://example.com/x #News!'), [
      { type: 'text', text: 'Hi ' },
      { type: 'mention', text: '@alice', username: 'alice' },
      { type: 'text', text: ', see ' },
      { type: 'link', text: 'https://example.com/x', url: 'https://example.com/x' },
      { type: 'text', text: ' ' },
      { type: 'hashtag', text: '#News', tag: 'News' },
      { type: 'text', text: '!' },
    ] satisfies Token[]);
  });

  test('only explicit http(s) URLs become links', () => {
    assert.deepEqual(kinds('example.com'), ['text:example.com']);
    assert.deepEqual(kinds('www.example.com'), ['text:www.example.com']);
    assert.deepEqual(kinds('javascript:alert(1)'), ['text:javascript:alert(1)']);
    assert.deepEqual(kinds('data:text/html,<b>x</b>'), ['text:data:text/html,<b>x</b>']);
    assert.deepEqual(kinds('ftp://example.com/file'), ['text:ftp://example.com/file']);
    assert.deepEqual(kinds('mailto:alice@example.com'), ['text:mailto:alice@example.com']);
    assert.deepEqual(kinds('//example.com/x'), ['text://example.com/x']);
    assert.deepEqual(kinds('http://example.com'), ['link:http://example.com']);
    assert.deepEqual(kinds('HTTPS://EXAMPLE.COM/A'), ['link:HTTPS://EXAMPLE.COM/A']);
  });

  test('a link stops at characters that would break out of an attribute', () => {
    const tokens = tokenize('http://x.com/"onmouseover=alert(1)//');
    assert.equal(tokens[0]!.type, 'link');
    assert.ok(!tokens[0]!.text.includes('"'));
    const angle = tokenize('http://x.com/<script>');
    assert.equal(angle[0]!.type, 'link');
    assert.ok(!angle[0]!.text.includes('<'));
  });
});

describe('extractMentions', () => {
  test('finds mentions at the start, after spaces and punctuation', () => {
    assert.deepEqual(extractMentions('@alice hi'), ['alice']);
    assert.deepEqual(extractMentions('hi @bob_2!'), ['bob_2']);
    assert.deepEqual(extractMentions('(@carol) "@dave" [@erin]'), ['carol', 'dave', 'erin']);
    assert.deepEqual(extractMentions('line one\n@frank'), ['frank']);
  });

  test('e-mail addresses are not mentions', () => {
    assert.deepEqual(extractMentions('write to bob@example.com'), []);
    assert.deepEqual(extractMentions('alice.smith@example.com'), []);
    assert.deepEqual(extractMentions('x_y@example.com and 1@2.com'), []);
  });

  test('@name inside a URL is not a mention', () => {
    assert.deepEqual(extractMentions('https://example.com/@alice'), []);
    assert.deepEqual(extractMentions('https://example.com/users?name=@alice'), []);
    assert.deepEqual(extractMentions('http://alice@example.com/'), []);
    assert.deepEqual(extractMentions('see https://example.com/@alice and @bob'), ['bob']);
  });

  test('remote-style and doubled @ are not local mentions', () => {
    assert.deepEqual(extractMentions('@alice@example.com'), []);
    assert.deepEqual(extractMentions('@@alice'), []);
  });

  test('a name longer than 30 characters is not a mention', () => {
    assert.deepEqual(extractMentions(`@${'a'.repeat(30)}`), ['a'.repeat(30)]);
    assert.deepEqual(extractMentions(`@${'a'.repeat(31)}`), []);
  });

  test('distinct, ignoring case, in first-seen order', () => {
    assert.deepEqual(extractMentions('@Bob @alice @BOB @Alice @carol'), ['Bob', 'alice', 'carol']);
  });

  test('a lone @ and @ with punctuation are not mentions', () => {
    assert.deepEqual(extractMentions('@ alone, @!, @-x'), []);
  });
});

describe('extractHashtags', () => {
  test('finds hashtags of letters, digits and underscores, in any script', () => {
    assert.deepEqual(extractHashtags('#hello #Hello_World #tag2 #日本語 #café'), [
      'hello',
      'Hello_World',
      'tag2',
      '日本語',
      'café',
    ]);
  });

  test('combining marks stay inside the tag (decomposed accents, Devanagari)', () => {
    assert.deepEqual(extractHashtags('#cafe\u0301 ok'), ['cafe\u0301']);
    assert.deepEqual(extractHashtags('#हिन्दी'), ['हिन्दी']);
  });

  test('digits-only tags are not hashtags', () => {
    assert.deepEqual(extractHashtags('#1 #2024 #007'), []);
    assert.deepEqual(extractHashtags('#2024 #y2024 #2024y'), ['y2024', '2024y']);
  });

  test('#tag after & is an HTML entity, not a hashtag', () => {
    assert.deepEqual(extractHashtags('&#39; and &#x27; and a&#tag'), []);
  });

  test('# inside a word, after another #, or in a URL fragment is not a hashtag', () => {
    assert.deepEqual(extractHashtags('C#sharp'), []);
    assert.deepEqual(extractHashtags('##double'), []);
    assert.deepEqual(extractHashtags('https://example.com/page#section'), []);
    assert.deepEqual(extractHashtags('https://example.com/#frag then #real'), ['real']);
  });

  test('a hashtag ends at punctuation', () => {
    assert.deepEqual(extractHashtags('#one, #two. (#three) #four!'), ['one', 'two', 'three', 'four']);
    assert.deepEqual(extractHashtags('#a-b'), ['a']);
  });

  test('tags longer than 100 characters are ignored', () => {
    assert.deepEqual(extractHashtags(`#${'a'.repeat(100)}`), ['a'.repeat(100)]);
    assert.deepEqual(extractHashtags(`#${'a'.repeat(101)}`), []);
  });

  test('distinct, ignoring case, in first-seen order', () => {
    assert.deepEqual(extractHashtags('#News #news #NEWS #other'), ['News', 'other']);
  });
});

describe('normalizeTag', () => {
  test('lower case and NFKC', () => {
    assert.equal(normalizeTag('News'), 'news');
    assert.equal(normalizeTag('Ｎｅｗｓ'), 'news');
    assert.equal(normalizeTag('cafe\u0301'), 'caf\u00e9');
  });
});
