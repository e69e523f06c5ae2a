// A tagged template that escapes every interpolated value unless it is already SafeHtml.
// Written here because it is short and typed; template engines would add a language to learn.
import { escapeHtml } from '@microposts/core';

// Markup is kept in parts, never as one string for a whole page: text parts of at most about PART
// characters, and bytes already encoded (kept status cards, views/status.ts). Encoding a string to
// UTF-8 (to send it) first makes it one flat string; a page with any character beyond Latin-1 (our
// icons, people's emoji) is a two-byte string, and from 65,536 characters on V8 puts it in the
// large-object space. Measured: encoding a 66,000-character page costs twice a 64,000-character
// one (docs/performance.md). Parts this size stay far below it.
const PART = 16_384;

type Part = string | Uint8Array;

export class SafeHtml {
  readonly parts: readonly Part[];
  constructor(value: string | readonly Part[]) {
    this.parts = typeof value === 'string' ? [value] : value;
  }
  /** The whole markup as one string (for fragments; pages are sent with htmlBytes). */
  get value(): string {
    const { parts } = this;
    if (parts.length === 1 && typeof parts[0] === 'string') return parts[0];
    return parts.map((p) => (typeof p === 'string' ? p : Buffer.from(p).toString('utf8'))).join('');
  }
  toString(): string {
    return this.value;
  }
}

type Value = SafeHtml | string | number | boolean | null | undefined | Value[];

/** Appends markup to parts, starting a new part when the last would grow past PART. */
function add(parts: Part[], markup: Part): void {
  if (markup.length === 0) return;
  const last = parts[parts.length - 1];
  if (typeof markup === 'string' && typeof last === 'string' && last.length + markup.length <= PART)
    parts[parts.length - 1] = last + markup;
  else parts.push(markup);
}

function addValue(parts: Part[], value: Value): void {
  if (value === null || value === undefined || value === false) return;
  if (value instanceof SafeHtml) for (const p of value.parts) add(parts, p);
  else if (Array.isArray(value)) for (const v of value) addValue(parts, v);
  else add(parts, escapeHtml(String(value)));
}

// A template's own text with each run of indentation after a line break left out: the line break
// alone renders the same (one space) everywhere but in <pre> and <textarea>, whose text is always
// interpolated, never the template's own. Pages are about an eighth smaller. Once per template.
const compacted = new WeakMap<TemplateStringsArray, readonly string[]>();
function compact(strings: TemplateStringsArray): readonly string[] {
  let text = compacted.get(strings);
  if (!text) compacted.set(strings, (text = strings.map((s) => s.replace(/\n\s+/g, '\n'))));
  return text;
}

/** Builds HTML from a template, escaping every interpolated value. */
export function html(template: TemplateStringsArray, ...values: Value[]): SafeHtml {
  const strings = compact(template);
  const parts: Part[] = [strings[0]!];
  for (let i = 0; i < values.length; i++) {
    addValue(parts, values[i]!);
    add(parts, strings[i + 1]!);
  }
  return new SafeHtml(parts);
}

/** Marks HTML produced by our own renderer (status text, bios) as safe to include. */
export function trusted(value: string | readonly Part[]): SafeHtml {
  return new SafeHtml(value);
}

/** The markup as UTF-8 bytes in one buffer, text encoded part by part, bytes copied. */
export function htmlBytes(markup: SafeHtml): Buffer {
  const { parts } = markup;
  let total = 0;
  for (const p of parts) total += typeof p === 'string' ? Buffer.byteLength(p) : p.length;
  const bytes = Buffer.allocUnsafe(total);
  let at = 0;
  for (const p of parts) {
    if (typeof p === 'string') at += bytes.write(p, at);
    else {
      bytes.set(p, at);
      at += p.length;
    }
  }
  return bytes;
}
