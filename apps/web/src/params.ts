// Reading request parameters, for the website and the API alike: one query/form parser (Rails-style
// brackets, as Mastodon clients send them), one "unknown → string" rule, Rails' booleans, and the
// API's schema-guided clean-up of bodies and queries (docs/api-compatibility.md "Transport").
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

const FALSE = new Set(['0', 'f', 'F', 'false', 'FALSE', 'off', 'OFF']);

/** Rails' boolean casting: `0 f F false FALSE off OFF` are false, anything else given is true. */
export function toBoolean(value: unknown): boolean | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  return !FALSE.has(String(value));
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
