// Endpoints apps call at start-up (docs/api-compatibility.md "What apps call at start-up"): features we do
// not have answer with their empty shapes, because apps treat a 404 there as a broken server.
import { Type } from 'typebox';
import { DomainError } from '@microposts/core';
import type { WebDeps } from '../../deps.ts';
import { actorId, guard, type Access } from '../../api/auth.ts';
import { route, type ApiFastify } from '../../api/route.ts';
import { anyObject, errorResponses } from '../../api/schemas.ts';

const list = { type: 'array', items: anyObject } as const;

// path, scope, access, summary
const EMPTY_LISTS: Array<[string, string, Access, string]> = [
  ['/api/v1/custom_emojis', 'read', 'public', 'Custom emojis (none)'],
  ['/api/v1/announcements', 'read', 'user', 'Announcements (none)'],
  ['/api/v1/filters', 'read:filters', 'user', 'Filters, v1 (not supported: none)'],
  ['/api/v2/filters', 'read:filters', 'user', 'Filters (not supported: none)'],
  ['/api/v1/lists', 'read:lists', 'user', 'Lists (not supported: none)'],
  ['/api/v1/followed_tags', 'read:follows', 'user', 'Followed hashtags (not supported: none)'],
  ['/api/v1/follow_requests', 'read:follows', 'user', 'Follow requests (accounts are never locked: none)'],
  ['/api/v1/domain_blocks', 'read:blocks', 'user', 'Blocked domains (no federation: none)'],
  ['/api/v1/bookmarks', 'read:bookmarks', 'user', 'Bookmarks (not supported: none)'],
  ['/api/v1/scheduled_statuses', 'read:statuses', 'user', 'Scheduled statuses (not supported: none)'],
  ['/api/v1/featured_tags', 'read:accounts', 'user', 'Featured hashtags (not supported: none)'],
  ['/api/v1/endorsements', 'read:accounts', 'user', 'Endorsed accounts (not supported: none)'],
  ['/api/v2/suggestions', 'read', 'user', 'Follow suggestions (none)'],
  ['/api/v1/trends/tags', 'read', 'public', 'Trending hashtags (none)'],
  ['/api/v1/trends/statuses', 'read', 'public', 'Trending statuses (none)'],
  ['/api/v1/trends/links', 'read', 'public', 'Trending links (none)'],
];

/** Start-up endpoints with fixed answers. */
export default async function startupRoutes(fastify: ApiFastify, deps: WebDeps) {
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
    '/api/v1/markers',
    route(guard(['read:statuses'], 'user'), {
      tags: ['start-up'],
      summary: 'Read positions (not stored: always empty)',
      response: { 200: anyObject, ...errorResponses },
    }),
    async () => ({}),
  );

  const marker = Type.Optional(Type.Object({ last_read_id: Type.Optional(Type.String()) }));
  fastify.post(
    '/api/v1/markers',
    route(guard(['write:statuses'], 'user'), {
      tags: ['notifications'],
      summary: 'Mark notifications read',
      description:
        '`notifications[last_read_id]` marks your notifications up to that id read (so a pending ' +
        'mention e-mail for them is not sent). The `home` position is accepted but not stored.',
      body: Type.Object({ notifications: marker, home: marker }),
      response: { 200: anyObject, ...errorResponses },
    }),
    async (request) => {
      const body = request.body;
      const now = new Date().toISOString();
      const result: Record<string, { last_read_id: string; version: number; updated_at: string }> = {};
      const lastRead = body.notifications?.last_read_id;
      if (lastRead) {
        await deps.services.notifications.markRead({ actorId: actorId(request), upToId: lastRead });
        result.notifications = { last_read_id: lastRead, version: 1, updated_at: now };
      }
      if (body.home?.last_read_id)
        result.home = { last_read_id: body.home.last_read_id, version: 1, updated_at: now };
      return result;
    },
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
