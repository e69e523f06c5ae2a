// Daily statistics as JSON: our own /api/v1/microposts/stats/daily, and Mastodon's weekly
// /api/v1/instance/activity, both read from the daily_stats table. Public, no token needed.
import { Type } from 'typebox';
import { dailyStatsJson, MAX_RANGE_DAYS } from '@microposts/core';
import type { WebDeps } from '../../deps.ts';
import { anyone } from '../../api/auth.ts';
import { route, type ApiFastify } from '../../api/route.ts';

const count = { type: 'integer', minimum: 0 } as const;
const error = {
  type: 'object',
  properties: { error: { type: 'string' } },
  required: ['error'],
} as const;
const day = (description: string) =>
  Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description }));

const dailyStatsSchema = {
  type: 'object',
  description: 'The numbers of one UTC day.',
  properties: {
    day: { type: 'string', format: 'date', description: 'The UTC day, YYYY-MM-DD.' },
    new_accounts: count,
    active_accounts: { ...count, description: 'Accounts that posted at least one status that day.' },
    statuses: { ...count, description: 'Statuses posted that day that still exist.' },
    replies: count,
    mentions: count,
    favourites: count,
    new_follows: count,
    top_hashtags: {
      type: 'array',
      description: "The day's ten most used hashtags in public statuses, most used first.",
      items: {
        type: 'object',
        properties: { name: { type: 'string' }, count },
        required: ['name', 'count'],
      },
    },
    computed_at: { type: 'string', format: 'date-time' },
  },
  required: [
    'day',
    'new_accounts',
    'active_accounts',
    'statuses',
    'replies',
    'mentions',
    'favourites',
    'new_follows',
    'top_hashtags',
    'computed_at',
  ],
} as const;

const weekSchema = {
  type: 'object',
  properties: {
    week: {
      type: 'string',
      description: 'Unix time (seconds) of the Monday 00:00 UTC that starts the week.',
    },
    statuses: { type: 'string', description: 'Statuses posted that week.' },
    logins: {
      type: 'string',
      description:
        'No log-ins are recorded: the most accounts that posted on one day of the week (a lower bound of active accounts).',
    },
    registrations: { type: 'string', description: 'Accounts created that week.' },
  },
  required: ['week', 'statuses', 'logins', 'registrations'],
} as const;

// Statistics change once a day; clients and nginx may keep them a few minutes.
const CACHE = 'public, max-age=300';

/** GET /api/v1/microposts/stats/daily and GET /api/v1/instance/activity. */
export default async function statsApiRoutes(fastify: ApiFastify, deps: WebDeps) {
  fastify.get(
    '/api/v1/microposts/stats/daily',
    {
      ...route(anyone, {
        tags: ['microposts'],
        summary: 'Daily statistics',
        description: `Stored statistics of each UTC day from \`from\` to \`to\` (inclusive, at most ${MAX_RANGE_DAYS} days), oldest first. Days never computed are absent. Without parameters: the last 30 days that have ended.`,
        querystring: Type.Object({
          from: day('First day, YYYY-MM-DD (default: 29 days before `to`).'),
          to: day('Last day, YYYY-MM-DD (default: yesterday, UTC).'),
        }),
        response: {
          200: { description: 'The stored days, oldest first.', type: 'array', items: dailyStatsSchema },
          422: { ...error, description: 'A date is malformed, the range is reversed or too long.' },
        },
      }),
      // Dates are checked by the service, so a bad one gets 422 {"error"} with its exact message like
      // every other bad input; the schema's pattern is for the document only.
      attachValidation: true,
    },
    async (request, reply) => {
      // Not validated (attachValidation), so not the schema's type: the service checks what came.
      const query: { from?: unknown; to?: unknown } = request.query;
      const { days } = await deps.services.stats.list({ from: query.from, to: query.to });
      return reply.header('cache-control', CACHE).send(days.map(dailyStatsJson));
    },
  );

  fastify.get(
    '/api/v1/instance/activity',
    route(anyone, {
      tags: ['instance'],
      summary: 'Weekly activity (Mastodon)',
      description:
        'The last 12 weeks, the current one first, built from the daily statistics. Days not computed yet (today) count as zero.',
      response: {
        200: {
          description: 'Twelve weeks, the current one first.',
          type: 'array',
          items: weekSchema,
          minItems: 12,
          maxItems: 12,
        },
      },
    }),
    async (_request, reply) =>
      reply.header('cache-control', CACHE).send(await deps.services.stats.weeklyActivity()),
  );
}
