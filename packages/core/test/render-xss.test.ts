// renderText (docs/product.md §3): escape all, then links, mentions, hashtags. Every payload below must come
// out as inert markup made only of our own tags and attributes, with the typed text intact.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse, type HTMLElement } from 'node-html-parser';
import { renderText, type RenderContext } from '@microposts/core';
import { XSS_PAYLOADS } from '../../../test/support/xss-payloads.ts';

const BASE = 'https://micro.example';
const ctx: RenderContext = {
  baseUrl: BASE,
  mentionable: new Map([
    ['alice', { username: 'alice' }],
    ['bob', { username: 'bob' }],
  ]),
};

const ALLOWED: Record<string, string[]> = {
  p: [],
  br: [],
  span: ['class'],
  a: ['href', 'class', 'rel', 'target'],
};

/** Asserts the HTML holds only our own tags and attributes, and links only to http(s) URLs. */
function assertInert(out: string, input: string): void {
  assert.doesNotMatch(out, /<script/i, input);
  // Every raw "<" must open or close one of our tags; escaped text shows as &lt;.
  for (const tag of out.match(/<[^>]*>?/g) ?? []) {
    // Only our own attributes, each double-quoted with nothing raw inside that could end it.
    assert.match(
      tag,
      /^(<(p|br|span|a)(\s(class|rel|target|href)="[^"<>]*")*>|<\/(p|span|a)>)$/,
      `unexpected markup ${tag} for ${input}`,
    );
    assert.doesNotMatch(tag, /\son\w+\s*=/i, `event handler in ${tag} for ${input}`);
  }
  const walk = (el: HTMLElement) => {
    for (const child of el.childNodes) {
      if (!('tagName' in child) || !(child as HTMLElement).tagName) continue;
      const e = child as HTMLElement;
      const name = e.tagName.toLowerCase();
      assert.ok(name in ALLOWED, `element <${name}> for ${input}`);
      for (const attr of Object.keys(e.attributes)) {
        assert.ok(ALLOWED[name]!.includes(attr.toLowerCase()), `attribute ${attr} on <${name}> for ${input}`);
      }
      if (name === 'a') {
        const href = e.getAttribute('href')!;
        const url = new URL(href);
        assert.ok(['http:', 'https:'].includes(url.protocol), `href ${href} for ${input}`);
        if (!href.startsWith(`${BASE}/`)) {
          assert.equal(e.getAttribute('rel'), 'nofollow noopener noreferrer');
          assert.equal(e.getAttribute('target'), '_blank');
        }
        assert.doesNotMatch(href, /[<>\s]/, `href ${href} for ${input}`);
      }
      walk(e);
    }
  };
  walk(parse(out));
}

describe('renderText with XSS payloads', () => {
  test('the list is long enough to mean something', () => {
    assert.ok(XSS_PAYLOADS.length >= 25);
  });

  for (const payload of XSS_PAYLOADS) {
    test(`inert and intact: ${JSON.stringify(payload)}`, () => {
      const out = renderText(payload, ctx);
      assertInert(out, payload);
      // The text survives: what a reader sees is exactly what was typed.
      assert.equal(parse(out).textContent, payload.trim());
    });
  }

  test('all payloads together, across lines and paragraphs', () => {
    const text = XSS_PAYLOADS.join('\n') + '\n\n' + XSS_PAYLOADS.join(' ');
    const out = renderText(text, ctx);
    assertInert(out, 'all');
    assert.equal(out.split('<p>').length - 1, 2);
    assert.equal(parse(out.replace(/<br>/g, '\n').replace(/<\/p><p>/g, '\n\n')).textContent, text);
  });
});

describe('renderText', () => {
  test('escapes the five HTML-significant characters', () => {
    assert.equal(renderText(`<>&"'`, ctx), '<p>&lt;&gt;&amp;&quot;&#39;</p>');
  });

  test('entities typed by a person are shown as typed, not decoded', () => {
    assert.equal(renderText('&lt;b&gt; &amp;', ctx), '<p>&amp;lt;b&amp;gt; &amp;amp;</p>');
  });

  test('links http(s) URLs with rel and target, keeping their text', () => {
    assert.equal(
      renderText('see https://example.com/a?b=1&c=2', ctx),
      '<p>see <a href="https://example.com/a?b=1&amp;c=2" rel="nofollow noopener noreferrer" target="_blank">https://example.com/a?b=1&amp;c=2</a></p>',
    );
  });

  test('mentions of existing accounts link to their profile, others stay text', () => {
    assert.equal(
      renderText('@Alice and @nobody', ctx),
      `<p><span class="h-card"><a href="${BASE}/@alice" class="u-url mention">@<span>alice</span></a></span> and @nobody</p>`,
    );
  });

  test('hashtags link to the tag page, normalized and URL-encoded', () => {
    assert.equal(
      renderText('#Café', ctx),
      `<p><a href="${BASE}/tags/caf%C3%A9" class="mention hashtag" rel="tag">#<span>Café</span></a></p>`,
    );
  });

  test('a mention inside a URL is part of the link, not a mention', () => {
    const out = renderText('https://example.com/@alice', ctx);
    assert.doesNotMatch(out, /h-card/);
    assert.match(out, /href="https:\/\/example.com\/@alice"/);
  });

  test('an e-mail address is neither a link nor a mention', () => {
    assert.equal(renderText('alice@example.com', ctx), '<p>alice@example.com</p>');
  });

  test('lines become <br>, blank lines paragraphs, CRLF is understood, ends are trimmed', () => {
    assert.equal(
      renderText('  one\ntwo\r\n\r\nthree\n\n\n\nfour  ', ctx),
      '<p>one<br>two</p><p>three</p><p>four</p>',
    );
  });
});
