// Parameter conventions of Rails, which Mastodon clients rely on (docs/api-compatibility.md "Transport").
import type { FastifyRequest } from 'fastify';

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

/** Casts booleans and drops empty values of the body and query, guided by the route's own schema. */
export function normalizeParams(request: FastifyRequest): void {
  const schema = request.routeOptions.schema as { body?: Schema; querystring?: Schema } | undefined;
  normalize(request.body, schema?.body);
  normalize(request.query, schema?.querystring);
}

/** A single string parameter, or undefined (arrays and objects are not strings). */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}
