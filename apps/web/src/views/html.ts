// A tagged template that escapes every interpolated value unless it is already SafeHtml.
// Written here because it is twenty lines and typed; template engines would add a language to learn.
import { escapeHtml } from '@microposts/core';

export class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

type Value = SafeHtml | string | number | boolean | null | undefined | Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** Builds HTML from a template, escaping every interpolated value. */
export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((v, i) => (out += render(v) + strings[i + 1]!));
  return new SafeHtml(out);
}

/** Marks HTML produced by our own renderer (status text, bios) as safe to include. */
export function trusted(value: string): SafeHtml {
  return new SafeHtml(value);
}
