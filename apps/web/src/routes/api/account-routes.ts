// Accounts: the viewer's own (verify/update credentials), lookup, profiles, their statuses, follows
// and relationships. Registration (POST /api/v1/accounts) is in registration-routes.ts.
import { Type } from 'typebox';
import { DomainError } from '@microposts/core';
import type { WebDeps } from '../../deps.ts';
import { actorId, guard, viewerId } from '../../api/auth.ts';
import { entityContext, idParams } from '../../api/context.ts';
import { account, accounts, credentialAccount, relationship } from '../../api/entities.ts';
import { pagedEntriesResponse, pagedResponse } from '../../api/paged-response.ts';
import { apiPage, pageQuery } from '../../api/pagination.ts';
import { filteredStatusesJson } from '../../api/filtered.ts';
import { route, type ApiFastify } from '../../api/route.ts';
import { errorResponses, listOf, ref } from '../../api/schemas.ts';
import { uploadedFiles } from '../../uploads.ts';

const tags = ['accounts'];
const flag = Type.Optional(Type.Boolean());

/** The accounts of the client API. */
export default async function accountRoutes(fastify: ApiFastify, deps: WebDeps) {
  const { services } = deps;
  const base = new URL(deps.config.publicUrl);

  fastify.get(
    '/api/v1/accounts/verify_credentials',
    route(guard(['profile', 'read:accounts'], 'user'), {
      tags,
      summary: 'Your own account',
      response: { 200: ref('CredentialAccount'), ...errorResponses },
    }),
    async (request) => {
      const me = await services.accounts.getById(actorId(request));
      return credentialAccount(entityContext(deps, request), me);
    },
  );

  fastify.patch(
    '/api/v1/accounts/update_credentials',
    {
      ...route(guard(['write:accounts'], 'user'), {
        tags,
        summary: 'Update your profile',
        description:
          'Display name, bio (`note`) and, as multipart files, `avatar` (cropped to 400×400) and `header` ' +
          '(1500×500), processed like media: the answer waits for them (a picture still processing after ' +
          '20 s shows when done). JSON, form or multipart; profile fields and locked/bot flags are accepted ' +
          'and ignored (not supported).',
        body: Type.Object({
          display_name: Type.Optional(Type.String()),
          note: Type.Optional(Type.String()),
          locked: flag,
          bot: flag,
          discoverable: flag,
          fields_attributes: Type.Optional(
            Type.Union([Type.Object({}), Type.Array(Type.Unknown())], {
              description: 'Profile fields: not supported, ignored.',
            }),
          ),
          source: Type.Optional(Type.Object({}, { additionalProperties: true })),
        }),
        response: { 200: ref('CredentialAccount'), 413: ref('Error'), ...errorResponses },
      }),
      config: { uploads: ['avatar', 'header'] },
    },
    async (request) => {
      const files = uploadedFiles(request);
      const updated = await services.settings.updateProfile({
        actorId: actorId(request),
        displayName: request.body.display_name,
        bio: request.body.note,
        avatar: files.avatar,
        header: files.header,
      });
      return credentialAccount(entityContext(deps, request), updated);
    },
  );

  const readAccounts = guard(['read:accounts'], 'public');
  fastify.get(
    '/api/v1/accounts/lookup',
    route(readAccounts, {
      tags,
      summary: 'Find an account by its username',
      description: '`acct` is `username` or `username@this-domain`.',
      querystring: Type.Object({ acct: Type.Optional(Type.String()) }),
      response: { 200: ref('Account'), ...errorResponses },
    }),
    async (request) => {
      const acct = (request.query.acct ?? '').trim().replace(/^@/, '');
      const [username, domain] = acct.split('@');
      if (!username || (domain !== undefined && domain.toLowerCase() !== base.host.toLowerCase()))
        throw new DomainError('not_found');
      const found = await services.accounts.getByUsername(username);
      return account(entityContext(deps, request), found);
    },
  );

  fastify.get(
    '/api/v1/accounts/relationships',
    route(guard(['read:follows'], 'user'), {
      tags,
      summary: 'Your relationships to accounts',
      querystring: Type.Object({ id: Type.Optional(Type.Array(Type.String())) }),
      response: { 200: listOf('Relationship'), ...errorResponses },
    }),
    async (request) => {
      const list = await services.follows.relationships({
        actorId: actorId(request),
        targetIds: request.query.id ?? [],
      });
      return list.map(relationship);
    },
  );

  fastify.get(
    '/api/v1/accounts/:id',
    route(readAccounts, {
      tags,
      summary: 'An account',
      params: idParams,
      response: { 200: ref('Account'), ...errorResponses },
    }),
    async (request) =>
      account(entityContext(deps, request), await services.accounts.getById(request.params.id)),
  );

  fastify.get(
    '/api/v1/accounts/:id/statuses',
    route(guard(['read:statuses'], 'public'), {
      tags,
      summary: "An account's statuses",
      description:
        'Newest first, boosts included (`exclude_reblogs` leaves them out). `only_media`: statuses with images. `pinned=true`: its pinned statuses you may see, newest pin first.',
      params: idParams,
      querystring: Type.Object({
        ...pageQuery(20),
        only_media: flag,
        exclude_replies: flag,
        exclude_reblogs: flag,
        pinned: flag,
        tagged: Type.Optional(Type.String()),
      }),
      response: { 200: listOf('Status'), ...errorResponses },
    }),
    async (request, reply) => {
      const q = request.query;
      const list = await services.timelines.accountStatuses({
        accountId: request.params.id,
        page: apiPage(q),
        viewerId: viewerId(request) ?? undefined,
        excludeReplies: q.exclude_replies,
        excludeReblogs: q.exclude_reblogs,
        onlyMedia: q.only_media,
        pinned: q.pinned,
        tagged: q.tagged,
      });
      return pagedResponse(deps, request, reply, list, filteredStatusesJson(deps, 'account'));
    },
  );

  const writeFollows = guard(['write:follows'], 'user');
  for (const action of ['follow', 'unfollow'] as const) {
    fastify.post(
      `/api/v1/accounts/:id/${action}`,
      route(writeFollows, {
        tags,
        summary: action === 'follow' ? 'Follow an account' : 'Unfollow an account',
        ...(action === 'follow'
          ? {
              description:
                '`reblogs=false` hides their boosts from your home timeline (`showing_reblogs`); following again with `reblogs` changes only that.',
            }
          : {}),
        params: idParams,
        body: Type.Object({ reblogs: flag, notify: flag }),
        response: { 200: ref('Relationship'), ...errorResponses },
      }),
      async (request) => {
        const input = { actorId: actorId(request), targetId: request.params.id };
        return relationship(
          action === 'follow'
            ? await services.follows.follow({ ...input, reblogs: request.body?.reblogs })
            : await services.follows.unfollow(input),
        );
      },
    );
  }

  for (const list of ['followers', 'following'] as const) {
    fastify.get(
      `/api/v1/accounts/:id/${list}`,
      route(readAccounts, {
        tags,
        summary: list === 'followers' ? 'Who follows an account' : 'Whom an account follows',
        description: 'Newest follow first; paginated by follow (Link header).',
        params: idParams,
        querystring: Type.Object(pageQuery(40)),
        response: { 200: listOf('Account'), ...errorResponses },
      }),
      async (request, reply) => {
        const input = {
          accountId: request.params.id,
          page: apiPage(request.query, 40),
          viewerId: viewerId(request) ?? undefined,
        };
        const entries =
          list === 'followers'
            ? await services.follows.followers(input)
            : await services.follows.following(input);
        return pagedEntriesResponse(deps, request, reply, entries, accounts);
      },
    );
  }
}
