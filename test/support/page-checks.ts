// Reading forms and errors off a page the way a person sees them: the error next to a field, the kept value.
import assert from 'node:assert/strict';
import type { Page } from './site-client.ts';

/** The error message shown under a form field (`field()` in views/forms.ts), or undefined. */
export function fieldError(page: Page, name: string): string | undefined {
  const error = page.doc.querySelector(`#field-${name}-error`);
  if (!error) return undefined;
  // It must sit in the same .field as the input it is about, and the input must point at it.
  const input = page.doc.querySelector(`input[name=${name}]`);
  assert.ok(input, `input ${name}`);
  assert.equal(error.parentNode, input.parentNode, `error of ${name} sits next to its input`);
  assert.match(input.getAttribute('aria-describedby') ?? '', new RegExp(`field-${name}-error`));
  assert.equal(input.getAttribute('aria-invalid'), 'true');
  return error.text.trim();
}

/** Every field error on the page, keyed by field name. */
export function fieldErrors(page: Page): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of page.doc.querySelectorAll('p.error[id^=field-]')) {
    out[e.id.replace(/^field-/, '').replace(/-error$/, '')] = e.text.trim();
  }
  return out;
}

/** The value an input shows (as the browser would decode it). */
export function inputValue(page: Page, name: string): string | undefined {
  return page.doc.querySelector(`input[name=${name}]`)?.getAttribute('value');
}

/** The form-wide error (`formError()`), or undefined. */
export function formErrorText(page: Page): string | undefined {
  return page.doc.querySelector('.form-error')?.text.trim();
}

/** The compose form's error and kept text. */
export function composeState(page: Page): { error: string | undefined; text: string | undefined } {
  const textarea = page.doc.querySelector('form.compose textarea[name=text]');
  return {
    error: page.doc.querySelector('#compose-error')?.text.trim(),
    // The template puts a newline after <textarea>, which HTML parsing drops.
    text: textarea?.textContent.replace(/^\n/, ''),
  };
}

/** The error page's status code, title and explanation. */
export function errorPageOf(page: Page): { code: string; title: string; text: string } {
  const card = page.doc.querySelector('.error-page');
  assert.ok(card, `an error page (got ${page.status}): ${page.html.slice(0, 300)}`);
  return {
    code: card.querySelector('.code')!.text.trim(),
    title: card.querySelector('h1')!.text.trim(),
    text: card.querySelectorAll('p')[1]!.text.trim(),
  };
}

/** Ids of the statuses shown on a page, in order. */
export function statusIds(page: Page): string[] {
  return page.doc.querySelectorAll('article.status').map((a) =>
    a
      .getAttribute('aria-labelledby')!
      .replace(/^s-/, '')
      .replace(/-author$/, ''),
  );
}

/** No script but our own external files, no event handlers, no inline styles, no javascript: URLs. */
export function assertNoExecutableMarkup(page: Page): void {
  for (const script of page.doc.querySelectorAll('script')) {
    assert.match(script.getAttribute('src') ?? '', /^\/assets\/[\w-]+\.js$/, 'only our own script files');
    assert.equal(script.innerHTML.trim(), '', 'no inline script');
  }
  assert.equal(page.doc.querySelectorAll('style').length, 0, 'no <style>');
  for (const el of page.doc.querySelectorAll('*')) {
    for (const [name, value] of Object.entries(el.attributes)) {
      assert.doesNotMatch(name, /^on/i, `event handler ${name} on <${el.tagName}>`);
      assert.notEqual(name.toLowerCase(), 'style', `inline style on <${el.tagName}>`);
      if (/^(href|src|action|formaction)$/i.test(name))
        assert.doesNotMatch(value, /^\s*(javascript|data|vbscript):/i);
    }
  }
  for (const a of page.doc.querySelectorAll('.content a')) {
    assert.match(a.getAttribute('href')!, /^https?:\/\//);
  }
}
