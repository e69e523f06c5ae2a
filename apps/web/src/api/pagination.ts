// Pagination (docs/api-compatibility.md "Ids, times, pagination"): max_id, since_id, min_id, limit and an
// absolute Link header with rel="next" before rel="prev", absent on an empty page.
import qs from 'qs';
import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PageRequest } from '@microposts/core';

const MAX_ID = 9223372036854775807n;

// Rails casts an id parameter with String#to_i: leading digits, else 0 ("abc" is 0, so max_id=abc
// finds nothing older and since_id=abc finds everything). Out-of-range values are clamped.
function cursor(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const m = /^\s*([+-]?\d+)/.exec(String(value));
  const n = m ? BigInt(m[1]!) : 0n;
  return (n < 0n ? 0n : n > MAX_ID ? MAX_ID : n).toString();
}

/**
 * A page request from the query, as Mastodon reads it: limit defaults to `defaultLimit`, is clamped to
 * twice that, and its absolute value is used (so limit=0 gives an empty page, as on Mastodon).
 */
export function apiPage(query: unknown, defaultLimit = 20): PageRequest {
  const q = (query ?? {}) as Record<string, unknown>;
  let limit = defaultLimit;
  if (q.limit !== undefined && q.limit !== '') {
    const m = /^\s*[+-]?(\d+)/.exec(String(q.limit));
    limit = Math.min(m ? Number(m[1]) : 0, defaultLimit * 2);
  }
  return { maxId: cursor(q.max_id), sinceId: cursor(q.since_id), minId: cursor(q.min_id), limit };
}

/** The pagination query parameters, to spread into a route's querystring schema. */
export function pageQuery(defaultLimit = 20) {
  return {
    max_id: Type.Optional(Type.String({ description: 'Return results older than this id.' })),
    since_id: Type.Optional(Type.String({ description: 'Return results newer than this id.' })),
    min_id: Type.Optional(Type.String({ description: 'Return results immediately newer than this id.' })),
    limit: Type.Optional(
      Type.String({
        description: `Maximum number of results (default ${defaultLimit}, at most ${defaultLimit * 2}).`,
      }),
    ),
  };
}

/**
 * Sets the Link header of a page whose items have the given cursor ids (newest first). Other query
 * parameters are carried over; the URLs are absolute, on the public URL.
 */
export function setLinkHeader(
  request: FastifyRequest,
  reply: FastifyReply,
  baseUrl: string,
  ids: string[],
): void {
  if (ids.length === 0) return;
  const path = request.url.split('?')[0]!;
  const rest = { ...(request.query as Record<string, unknown>) };
  for (const k of ['max_id', 'min_id', 'since_id']) delete rest[k];
  const link = (param: Record<string, string>) =>
    `${baseUrl}${path}?${qs.stringify({ ...rest, ...param }, { arrayFormat: 'brackets' })}`;
  reply.header(
    'Link',
    `<${link({ max_id: ids[ids.length - 1]! })}>; rel="next", <${link({ min_id: ids[0]! })}>; rel="prev"`,
  );
}
