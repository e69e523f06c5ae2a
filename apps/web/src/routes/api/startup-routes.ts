// Endpoints apps call at start-up (docs/api-compatibility.md "What apps call at start-up"): features we do
// not have answer with their empty shapes, because apps treat a 404 there as a broken server.
import { DomainError } from '@microposts/core';
import type { WebDeps } from '../../deps.ts';
import { guard, type Access } from '../../api/auth.ts';
import { route, type ApiFastify } from '../../api/route.ts';
import { anyObject, errorResponses } from '../../api/schemas.ts';

const list = { type: 'array', items: anyObject } as const;

// path, scope, access, summary
const EMPTY_LISTS: Array<[string, string, Access, string]> = [
  ['/api/v1/custom_emojis', 'read', 'public', 'Custom emojis (none)'],
  ['/api/v1/announcements', 'read', 'user', 'Announcements (none)'],
  ['/api/v1/lists', 'read:lists', 'user', 'Lists (not supported: none)'],
  ['/api/v1/follow_requests', 'read:follows', 'user', 'Follow requests (accounts are never locked: none)'],
  ['/api/v1/domain_blocks', 'read:blocks', 'user', 'Blocked domains (no federation: none)'],
  ['/api/v1/scheduled_statuses', 'read:statuses', 'user', 'Scheduled statuses (not supported: none)'],
  ['/api/v1/featured_tags', 'read:accounts', 'user', 'Featured hashtags (not supported: none)'],
  ['/api/v1/endorsements', 'read:accounts', 'user', 'Endorsed accounts (not supported: none)'],
  ['/api/v1/trends/tags', 'read', 'public', 'Trending hashtags (none)'],
  ['/api/v1/trends/statuses', 'read', 'public', 'Trending statuses (none)'],
  ['/api/v1/trends/links', 'read', 'public', 'Trending links (none)'],
];

/** Start-up endpoints with fixed answers. */
export default async function startupRoutes(fastify: ApiFastify, _deps: WebDeps) {
  for (const [path, scope, access, summary] of EMPTY_LISTS) {
    fastify.get(
      path,
      route(guard([scope], access), {
        tags: ['start-up'],
        summary,
        response: { 200: list, ...errorResponses },
      }),
      async () => [],
    );
  }

  fastify.get(
    '/api/v1/preferences',
    route(guard(['read:accounts'], 'user'), {
      tags: ['start-up'],
      summary: 'Your posting and reading preferences',
      response: { 200: anyObject, ...errorResponses },
    }),
    async () => ({
      'posting:default:visibility': 'public',
      'posting:default:sensitive': false,
      'posting:default:language': null,
      'reading:expand:media': 'default',
      'reading:expand:spoilers': false,
    }),
  );

  fastify.get(
    '/api/v1/push/subscription',
    route(guard(['push'], 'user'), {
      tags: ['start-up'],
      summary: 'Web push subscription (not supported: 404, as Mastodon without one)',
      response: { ...errorResponses },
    }),
    async () => {
      throw new DomainError('not_found');
    },
  );
}
