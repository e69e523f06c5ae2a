// The html`` tagged template escapes every interpolated value unless it is SafeHtml.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { html, htmlBytes, SafeHtml, trusted } from '../src/views/html.ts';
import { XSS_PAYLOADS } from '../../../test/support/xss-payloads.ts';

describe('html``', () => {
  test('escapes interpolated strings in content and in attributes', () => {
    const name = `<script>alert("x")</script>&'`;
    assert.equal(
      html`<p title="${name}">${name}</p>`.value,
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;</p>',
    );
  });

  test('an attribute value cannot be broken out of', () => {
    for (const payload of XSS_PAYLOADS) {
      const out = html`<a href="/@${payload}" title='${payload}'>${payload}</a>`.value;
      assert.doesNotMatch(out, /<script/i);
      // Exactly the one opening tag and the one closing tag remain as markup.
      assert.equal(out.match(/</g)!.length, 2, payload);
      assert.equal(out.match(/"/g)!.length, 2, payload);
      assert.equal(out.match(/'/g)!.length, 2, payload);
    }
  });

  test('SafeHtml and trusted() are included as they are', () => {
    const inner = html`<b>${'<i>'}</b>`;
    assert.ok(inner instanceof SafeHtml);
    assert.equal(html`<p>${inner}</p>`.value, '<p><b>&lt;i&gt;</b></p>');
    assert.equal(html`<div>${trusted('<p>ok</p>')}</div>`.value, '<div><p>ok</p></div>');
  });

  test('arrays are joined with each item escaped; null, undefined and false render nothing', () => {
    assert.equal(
      html`<ul>${['<a>', html`<li>b</li>`, null, undefined, false]}</ul>`.value,
      '<ul>&lt;a&gt;<li>b</li></ul>',
    );
    assert.equal(html`${0} ${true} ${12.5}`.value, '0 true 12.5');
  });

  test('an object that only looks like SafeHtml is escaped', () => {
    const fake = { value: '<b>', toString: () => '<script>' } as unknown as string;
    assert.equal(html`${fake}`.value, '&lt;script&gt;');
  });

  test('a long page is kept in parts of modest size, and its bytes are exactly its UTF-8 text', () => {
    const card = (i: number) => html`<article id="s-${i}">${'⟲ ☆ 🎉 é'.repeat(40)} ${'<x>'}</article>`;
    const page = html`<main>${Array.from({ length: 400 }, (_, i) => card(i))}</main>`;
    assert.ok(page.parts.length >= Math.floor(page.value.length / 16_384), `${page.parts.length} parts`);
    for (const part of page.parts) assert.ok(part.length <= 16_384 + 400, `a part of ${part.length}`);
    assert.ok(page.value.length > 65_536);
    assert.deepEqual(htmlBytes(page), Buffer.from(page.value, 'utf8'));
  });

  test('encoded parts (kept bytes) are copied into the page as they are', () => {
    const kept = Buffer.from('<p>ké 🎉</p>');
    const page = html`<div>${trusted(['<a>', kept, 'b'])}${'<'}</div>`;
    assert.equal(page.value, '<div><a><p>ké 🎉</p>b&lt;</div>');
    assert.deepEqual(htmlBytes(page), Buffer.from('<div><a><p>ké 🎉</p>b&lt;</div>'));
  });
});
