// Finding accounts: account search, familiar followers, follow suggestions (v1, v2), the profile
// directory, and an account's featured tags (empty: featuring is not built). Your lists holding an
// account: list-routes.ts.
import { Type } from 'typebox';
import type { WebDeps } from '../../deps.ts';
import { actorId, guard } from '../../api/auth.ts';
import { entityContext, idParams } from '../../api/context.ts';
import { accounts, familiarFollowers, suggestions } from '../../api/entities.ts';
import { route, type ApiFastify } from '../../api/route.ts';
import { anyObject, errorResponses, listOf } from '../../api/schemas.ts';

const tags = ['accounts'];
const flag = Type.Optional(Type.Boolean());
const number = (description: string) => Type.Optional(Type.String({ description }));

// Rails' String#to_i: the leading digits; none is "not given".
const int = (v: string | undefined) => {
  const m = /^\s*[+-]?\d+/.exec(v ?? '');
  return m ? Number(m[0]) : undefined;
};

/** The account-finding endpoints of the client API. */
export default async function discoveryRoutes(fastify: ApiFastify, deps: WebDeps) {
  const { services } = deps;

  fastify.get(
    '/api/v1/accounts/search',
    route(guard(['read:accounts'], 'user'), {
      tags,
      summary: 'Search accounts by username or display name',
      description:
        'Prefix match on the username or any word of the display name, ignoring case; the exact ' +
        'username first. `@name` matches usernames only; `name@this-site` is `name`, another domain ' +
        'finds nothing. `following=true` keeps the accounts you follow (and you). `limit` (default 40, ' +
        'at most 80) and `offset` page. `resolve` is ignored (no remote accounts). A blank `q` finds ' +
        'nothing.',
      querystring: Type.Object({
        q: Type.Optional(Type.String()),
        limit: number('Default 40, at most 80.'),
        offset: number('Results to skip.'),
        resolve: flag,
        following: flag,
      }),
      response: { 200: listOf('Account'), ...errorResponses },
    }),
    async (request) => {
      const q = request.query;
      const found = await services.discovery.searchAccounts({
        actorId: actorId(request),
        q: q.q ?? '',
        following: q.following,
        limit: int(q.limit),
        offset: int(q.offset),
      });
      return accounts(entityContext(deps, request), found);
    },
  );

  fastify.get(
    '/api/v1/accounts/familiar_followers',
    route(guard(['read:follows'], 'user'), {
      tags,
      summary: 'Accounts you follow that follow these accounts',
      description:
        'For each `id[]` (up to 40, each once, in the order given): the accounts you follow that follow it ' +
        '(newest follow first, up to 80). Ids that cannot name an account are left out.',
      querystring: Type.Object({ id: Type.Optional(Type.Array(Type.String())) }),
      response: { 200: listOf('FamiliarFollowers'), ...errorResponses },
    }),
    async (request) => {
      const list = await services.discovery.familiarFollowers({
        actorId: actorId(request),
        ids: request.query.id ?? [],
      });
      return familiarFollowers(entityContext(deps, request), list);
    },
  );

  fastify.get(
    '/api/v1/accounts/:id/featured_tags',
    route(guard([], 'public'), {
      tags,
      summary: "An account's featured hashtags",
      description: 'Featuring hashtags on a profile is not built: always `[]` for an account that exists.',
      params: idParams,
      response: { 200: listOf('Tag'), ...errorResponses },
    }),
    async (request) => services.discovery.featuredTags(request.params.id),
  );

  const suggestionQuery = Type.Object({ limit: number('Default 40, at most 80.') });
  const suggestionSources =
    'Accounts followed by those you follow (by how many of them; among your 200 latest follows and ' +
    'their 100 latest each), then the most followed accounts that posted in the last 30 days; never ' +
    'you, those you follow, nor those you dismissed.';

  fastify.get(
    '/api/v2/suggestions',
    route(guard(['read'], 'user'), {
      tags,
      summary: 'Accounts to follow, with why',
      description: `${suggestionSources} \`sources\`: \`friends_of_friends\` or \`most_followed\`.`,
      querystring: suggestionQuery,
      response: { 200: listOf('Suggestion'), ...errorResponses },
    }),
    async (request) => {
      const list = await services.discovery.suggestions({
        actorId: actorId(request),
        limit: int(request.query.limit),
      });
      return suggestions(entityContext(deps, request), list);
    },
  );

  fastify.get(
    '/api/v1/suggestions',
    route(guard(['read'], 'user'), {
      tags,
      summary: 'Accounts to follow (v1)',
      description: suggestionSources,
      querystring: suggestionQuery,
      response: { 200: listOf('Account'), ...errorResponses },
    }),
    async (request) => {
      const list = await services.discovery.suggestions({
        actorId: actorId(request),
        limit: int(request.query.limit),
      });
      return accounts(
        entityContext(deps, request),
        list.map((s) => s.account),
      );
    },
  );

  fastify.delete(
    '/api/v1/suggestions/:account_id',
    route(guard(['read', 'write:accounts'], 'user'), {
      tags,
      summary: 'Stop suggesting an account',
      description: 'Remembered for you. Answers `{}` whether or not the account was suggested, as Mastodon.',
      params: Type.Object({ account_id: Type.String() }),
      response: { 200: anyObject, ...errorResponses },
    }),
    async (request) => {
      await services.discovery.dismissSuggestion({
        actorId: actorId(request),
        accountId: request.params.account_id,
      });
      return {};
    },
  );

  fastify.get(
    '/api/v1/directory',
    route(guard([], 'public'), {
      tags,
      summary: 'The profile directory',
      description:
        'Every active account (all are local and discoverable). `order`: `active` (latest status first; ' +
        'the default) or `new` (newest account first). `local` changes nothing. `limit` (default 40, at ' +
        'most 80) and `offset` page.',
      querystring: Type.Object({
        order: Type.Optional(Type.String()),
        local: flag,
        limit: number('Default 40, at most 80.'),
        offset: number('Accounts to skip.'),
      }),
      response: { 200: listOf('Account'), ...errorResponses },
    }),
    async (request) => {
      const q = request.query;
      const list = await services.discovery.directory({
        order: q.order,
        limit: int(q.limit),
        offset: int(q.offset),
      });
      return accounts(entityContext(deps, request), list);
    },
  );
}
