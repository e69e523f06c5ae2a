// Accounts: the viewer's own (verify/update credentials), lookup, profiles, their statuses, follows
// and relationships. Registration (POST /api/v1/accounts) is in registration-routes.ts.
import type { FastifyInstance } from 'fastify';
import { DomainError } from '@microposts/core';
import type { WebDeps } from '../../deps.ts';
import { actorId, guard, viewerId } from '../../api/auth.ts';
import { entityContext, idParams, type IdParams } from '../../api/context.ts';
import { account, accounts, credentialAccount, relationship, statuses } from '../../api/entities.ts';
import { pagedEntriesResponse } from '../../api/paged-response.ts';
import { apiPage, pageQuerySchema } from '../../api/pagination.ts';
import { pagedResponse } from '../../api/paged-response.ts';
import { str } from '../../api/params.ts';
import { anyObject, errorResponses, listOf, ref } from '../../api/schemas.ts';

const tags = ['accounts'];

interface StatusesQuery {
  Querystring: {
    only_media?: boolean;
    exclude_replies?: boolean;
    exclude_reblogs?: boolean;
    pinned?: boolean;
    tagged?: string;
  } & Record<string, unknown>;
}

interface CredentialsBody {
  display_name?: string;
  note?: string;
}

/** The accounts of the client API. */
export default async function accountRoutes(fastify: FastifyInstance, deps: WebDeps) {
  const { services } = deps;
  const base = new URL(deps.config.publicUrl);

  const own = guard(['profile', 'read:accounts'], 'user');
  fastify.get(
    '/api/v1/accounts/verify_credentials',
    {
      preHandler: own.preHandler,
      schema: {
        tags,
        summary: 'Your own account',
        security: own.security,
        response: { 200: ref('CredentialAccount'), ...errorResponses },
      },
    },
    async (request) => {
      const me = await services.accounts.getById(actorId(request));
      return credentialAccount(entityContext(deps, request), me);
    },
  );

  const update = guard(['write:accounts'], 'user');
  fastify.patch<{ Body: CredentialsBody }>(
    '/api/v1/accounts/update_credentials',
    {
      preHandler: update.preHandler,
      schema: {
        tags,
        summary: 'Update your profile',
        description:
          'Display name and bio (`note`). JSON, form or multipart; avatar and header uploads, profile ' +
          'fields and locked/bot flags are accepted and ignored (not supported).',
        security: update.security,
        body: {
          type: 'object',
          properties: {
            display_name: { type: 'string' },
            note: { type: 'string' },
            locked: { type: 'boolean' },
            bot: { type: 'boolean' },
            discoverable: { type: 'boolean' },
            fields_attributes: {
              anyOf: [{ type: 'object' }, { type: 'array' }],
              description: 'Profile fields: not supported, ignored.',
            },
            source: anyObject,
          },
        },
        response: { 200: ref('CredentialAccount'), ...errorResponses },
      },
    },
    async (request) => {
      const body = request.body ?? {};
      const updated = await services.settings.updateProfile({
        actorId: actorId(request),
        displayName: str(body.display_name),
        bio: str(body.note),
      });
      return credentialAccount(entityContext(deps, request), updated);
    },
  );

  const readAccounts = guard(['read:accounts'], 'public');
  fastify.get<{ Querystring: { acct?: string } }>(
    '/api/v1/accounts/lookup',
    {
      preHandler: readAccounts.preHandler,
      schema: {
        tags,
        summary: 'Find an account by its username',
        description: '`acct` is `username` or `username@this-domain`.',
        security: readAccounts.security,
        querystring: { type: 'object', properties: { acct: { type: 'string' } } },
        response: { 200: ref('Account'), ...errorResponses },
      },
    },
    async (request) => {
      const acct = (str(request.query.acct) ?? '').trim().replace(/^@/, '');
      const [username, domain] = acct.split('@');
      if (!username || (domain !== undefined && domain.toLowerCase() !== base.host.toLowerCase()))
        throw new DomainError('not_found');
      const found = await services.accounts.getByUsername(username);
      return account(entityContext(deps, request), found);
    },
  );

  const rel = guard(['read:follows'], 'user');
  fastify.get<{ Querystring: { id?: string[] } }>(
    '/api/v1/accounts/relationships',
    {
      preHandler: rel.preHandler,
      schema: {
        tags,
        summary: 'Your relationships to accounts',
        security: rel.security,
        querystring: {
          type: 'object',
          properties: { id: { type: 'array', items: { type: 'string' } } },
        },
        response: { 200: listOf('Relationship'), ...errorResponses },
      },
    },
    async (request) => {
      const list = await services.follows.relationships({
        actorId: actorId(request),
        targetIds: request.query.id ?? [],
      });
      return list.map(relationship);
    },
  );

  fastify.get<IdParams>(
    '/api/v1/accounts/:id',
    {
      preHandler: readAccounts.preHandler,
      schema: {
        tags,
        summary: 'An account',
        security: readAccounts.security,
        params: idParams,
        response: { 200: ref('Account'), ...errorResponses },
      },
    },
    async (request) =>
      account(entityContext(deps, request), await services.accounts.getById(request.params.id)),
  );

  const readStatuses = guard(['read:statuses'], 'public');
  fastify.get<IdParams & StatusesQuery>(
    '/api/v1/accounts/:id/statuses',
    {
      preHandler: readStatuses.preHandler,
      schema: {
        tags,
        summary: "An account's statuses",
        description: 'Newest first. `pinned` and `only_media` give empty lists (no pins, no media here).',
        security: readStatuses.security,
        params: idParams,
        querystring: {
          type: 'object',
          properties: {
            ...pageQuerySchema(20),
            only_media: { type: 'boolean' },
            exclude_replies: { type: 'boolean' },
            exclude_reblogs: { type: 'boolean' },
            pinned: { type: 'boolean' },
            tagged: { type: 'string' },
          },
        },
        response: { 200: listOf('Status'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const list = await services.timelines.accountStatuses({
        accountId: request.params.id,
        page: apiPage(q),
        viewerId: viewerId(request) ?? undefined,
        excludeReplies: q.exclude_replies,
        onlyMedia: q.only_media,
        pinned: q.pinned,
        tagged: str(q.tagged),
      });
      return pagedResponse(deps, request, reply, list, statuses);
    },
  );

  const writeFollows = guard(['write:follows'], 'user');
  for (const action of ['follow', 'unfollow'] as const) {
    fastify.post<IdParams>(
      `/api/v1/accounts/:id/${action}`,
      {
        preHandler: writeFollows.preHandler,
        schema: {
          tags,
          summary: action === 'follow' ? 'Follow an account' : 'Unfollow an account',
          security: writeFollows.security,
          params: idParams,
          body: { type: 'object', properties: { reblogs: { type: 'boolean' }, notify: { type: 'boolean' } } },
          response: { 200: ref('Relationship'), ...errorResponses },
        },
      },
      async (request) => {
        const input = { actorId: actorId(request), targetId: request.params.id };
        return relationship(
          action === 'follow' ? await services.follows.follow(input) : await services.follows.unfollow(input),
        );
      },
    );
  }

  for (const list of ['followers', 'following'] as const) {
    fastify.get<IdParams & { Querystring: Record<string, unknown> }>(
      `/api/v1/accounts/:id/${list}`,
      {
        preHandler: readAccounts.preHandler,
        schema: {
          tags,
          summary: list === 'followers' ? 'Who follows an account' : 'Whom an account follows',
          description: 'Newest follow first; paginated by follow (Link header).',
          security: readAccounts.security,
          params: idParams,
          querystring: { type: 'object', properties: pageQuerySchema(40) },
          response: { 200: listOf('Account'), ...errorResponses },
        },
      },
      async (request, reply) => {
        const input = { accountId: request.params.id, page: apiPage(request.query, 40) };
        const entries =
          list === 'followers'
            ? await services.follows.followers(input)
            : await services.follows.following(input);
        return pagedEntriesResponse(deps, request, reply, entries, accounts);
      },
    );
  }
}
