// Reading request parameters, for the website and the API alike: one query/form parser (Rails-style
// brackets, as Mastodon clients send them), one "unknown → string" rule, Rails' booleans, the NUL
// check, and the API's schema-guided clean-up of bodies and queries (docs/api-compatibility.md
// "Transport").
import qs from 'qs';
import type { FastifyRequest } from 'fastify';

/** Parses a query string or form body with Rails-style brackets (`ids[]=1`, `a[b]=c`). */
export function parseParams(text: string): Record<string, unknown> {
  return qs.parse(text, { arrayLimit: 100, depth: 3 }) as Record<string, unknown>;
}

/**
 * The named parameter as a single string, or undefined when it is absent or not a string
 * (`?a[]=x` parses to an array). A JSON number counts as its digits.
 */
export function param(values: unknown, name: string): string | undefined {
  const value = (values as Record<string, unknown> | null | undefined)?.[name];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** A string field of a form body; missing or non-string values read as ''. */
export function formValue(request: FastifyRequest, name: string): string {
  return param(request.body, name) ?? '';
}

/** A string parameter of the query string; missing or non-string values read as ''. */
export function queryValue(request: FastifyRequest, name: string): string {
  return param(request.query, name) ?? '';
}

const FALSE = new Set(['0', 'f', 'false', 'off']);

/**
 * Rails' boolean casting: `0 f F false FALSE off OFF` are false, anything else given is true; and,
 * for Python clients, `False` (any case) is false and `None` is not given.
 */
export function toBoolean(value: unknown): boolean | undefined {
  if (value === undefined || value === null || value === '' || value === 'None') return undefined;
  if (typeof value === 'boolean') return value;
  return !FALSE.has(String(value).toLowerCase());
}

export interface NulInput {
  /** Where it came: the body (a form or JSON), the query string or the path. */
  part: 'body' | 'query' | 'params';
  /** The parameter, in form notation (`redirect_uris[1]`). */
  name: string;
}

/**
 * The first parameter of the request whose value (or name) holds a NUL character, or null. No text
 * column can store NUL (PostgreSQL refuses it), so every surface refuses such input at the edge.
 */
export function nulInput(request: FastifyRequest): NulInput | null {
  // The body before the query: a write's query parameters are merged into its body (Rails).
  for (const part of ['params', 'body', 'query'] as const) {
    const name = nulIn(request[part]);
    if (name !== null) return { part, name };
  }
  return null;
}

// Iterative: a deeply nested JSON body must not overflow the stack.
function nulIn(values: unknown): string | null {
  const stack: Array<[unknown, string]> = [[values, '']];
  while (stack.length > 0) {
    const [value, name] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\0')) return name || 'parameter';
    } else if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
      for (const [key, inner] of Object.entries(value)) {
        const path = name ? `${name}[${key}]` : key;
        if (key.includes('\0')) return path.replaceAll('\0', '\\0');
        stack.push([inner, path]);
      }
    }
  }
  return null;
}

type Schema = { type?: string | string[]; properties?: Record<string, Schema> } | undefined;

function normalize(values: unknown, schema: Schema): void {
  if (!values || typeof values !== 'object' || !schema?.properties) return;
  const record = values as Record<string, unknown>;
  for (const [name, property] of Object.entries(schema.properties)) {
    if (!(name in record)) continue;
    const types = Array.isArray(property?.type) ? property.type : [property?.type];
    const value = record[name];
    // An empty string means "not given" for anything that is not free text.
    if (value === '' && !types.includes('string')) delete record[name];
    else if (types.includes('boolean') && !types.includes('string')) {
      const b = toBoolean(value);
      if (b === undefined) delete record[name];
      else record[name] = b;
    } else if (types.includes('array') && typeof value === 'string') record[name] = [value];
    // A nested object (`poll[multiple]=true`) is cleaned up the same way.
    else if (types.includes('object')) normalize(value, property);
  }
}

/**
 * Casts booleans and drops empty values of the body and query, guided by the route's own schema,
 * before the schema validates them (the API's preValidation).
 */
export function normalizeParams(request: FastifyRequest): void {
  const schema = request.routeOptions.schema as { body?: Schema; querystring?: Schema } | undefined;
  normalize(request.body, schema?.body);
  normalize(request.query, schema?.querystring);
}
