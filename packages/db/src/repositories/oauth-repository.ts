import { sql } from 'kysely';
import type { OAuthApp, OAuthRepository, OAuthTokenRecord } from '@microposts/core';
import type { Db } from '../connection.ts';

const appColumns = [
  'oauth_apps.id',
  'oauth_apps.name',
  'oauth_apps.website',
  'oauth_apps.redirect_uris',
  'oauth_apps.scopes',
  'oauth_apps.client_id',
  'oauth_apps.owner_account_id',
  'oauth_apps.created_at',
] as const;

interface AppRow {
  id: string;
  name: string;
  website: string | null;
  redirect_uris: string[];
  scopes: string[];
  client_id: string;
  owner_account_id: string | null;
  created_at: Date;
}

function toApp(row: AppRow): OAuthApp {
  return {
    id: row.id,
    name: row.name,
    website: row.website,
    redirectUris: row.redirect_uris,
    scopes: row.scopes,
    clientId: row.client_id,
    ownerAccountId: row.owner_account_id,
    createdAt: row.created_at,
  };
}

const tokenColumns = [
  'oauth_tokens.id',
  'oauth_tokens.app_id',
  'oauth_tokens.account_id',
  'oauth_tokens.scopes',
  'oauth_tokens.created_at',
  'oauth_tokens.last_used_at',
  'oauth_tokens.revoked_at',
] as const;

function toToken(row: {
  id: string;
  app_id: string;
  account_id: string | null;
  scopes: string[];
  created_at: Date;
  last_used_at: Date | null;
}): OAuthTokenRecord {
  return {
    id: row.id,
    appId: row.app_id,
    accountId: row.account_id,
    scopes: row.scopes,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  };
}

/** OAuth apps, authorization codes and access tokens in PostgreSQL. */
export function oauthRepository(db: Db): OAuthRepository {
  // Revokes a person's live tokens (of one app, or all) and deletes their unused codes, which would
  // otherwise still buy a token after the revoke.
  async function revokeForAccount(accountId: string, at: Date, appId?: string): Promise<number> {
    let codes = db.deleteFrom('oauth_codes').where('account_id', '=', accountId).where('used_at', 'is', null);
    let tokens = db
      .updateTable('oauth_tokens')
      .set({ revoked_at: at })
      .where('account_id', '=', accountId)
      .where('revoked_at', 'is', null);
    if (appId) {
      codes = codes.where('app_id', '=', appId);
      tokens = tokens.where('app_id', '=', appId);
    }
    await codes.execute();
    return Number((await tokens.executeTakeFirst()).numUpdatedRows);
  }
  return {
    async createApp(input) {
      const row = await db
        .insertInto('oauth_apps')
        .values({
          name: input.name,
          website: input.website,
          redirect_uris: input.redirectUris,
          scopes: input.scopes,
          client_id: input.clientId,
          client_secret_hash: input.clientSecretHash,
          owner_account_id: input.ownerAccountId,
        })
        .returning(appColumns)
        .executeTakeFirstOrThrow();
      return toApp(row);
    },
    async findAppById(id) {
      const row = await db
        .selectFrom('oauth_apps')
        .select(appColumns)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toApp(row) : null;
    },
    async findAppByClientId(clientId) {
      const row = await db
        .selectFrom('oauth_apps')
        .select([...appColumns, 'client_secret_hash'])
        .where('client_id', '=', clientId)
        .executeTakeFirst();
      return row ? { app: toApp(row), clientSecretHash: row.client_secret_hash } : null;
    },
    async createCode(codeHash, code) {
      await db
        .insertInto('oauth_codes')
        .values({
          code_hash: codeHash,
          app_id: code.appId,
          account_id: code.accountId,
          scopes: code.scopes,
          redirect_uri: code.redirectUri,
          code_challenge: code.codeChallenge,
          expires_at: code.expiresAt,
          used_at: null,
          token_id: null,
        })
        .execute();
    },
    async findCodeForUpdate(codeHash) {
      const row = await db
        .selectFrom('oauth_codes')
        .select([
          'app_id',
          'account_id',
          'scopes',
          'redirect_uri',
          'code_challenge',
          'expires_at',
          'used_at',
          'token_id',
        ])
        .where('code_hash', '=', codeHash)
        .forUpdate()
        .executeTakeFirst();
      if (!row) return null;
      return {
        appId: row.app_id,
        accountId: row.account_id,
        scopes: row.scopes,
        redirectUri: row.redirect_uri,
        codeChallenge: row.code_challenge,
        expiresAt: row.expires_at,
        usedAt: row.used_at,
        tokenId: row.token_id,
      };
    },
    async markCodeUsed(codeHash, tokenId, at) {
      await db
        .updateTable('oauth_codes')
        .set({ used_at: at, token_id: tokenId })
        .where('code_hash', '=', codeHash)
        .execute();
    },
    async createToken(input) {
      const row = await db
        .insertInto('oauth_tokens')
        .values({
          token_hash: input.tokenHash,
          app_id: input.appId,
          account_id: input.accountId,
          scopes: input.scopes,
          revoked_at: null,
          last_used_at: null,
        })
        .returning(tokenColumns)
        .executeTakeFirstOrThrow();
      return toToken(row);
    },
    async findLiveToken(tokenHash) {
      const row = await db
        .selectFrom('oauth_tokens')
        .leftJoin('accounts', 'accounts.id', 'oauth_tokens.account_id')
        .select(tokenColumns)
        .where('oauth_tokens.token_hash', '=', tokenHash)
        .where('oauth_tokens.revoked_at', 'is', null)
        .where((eb) =>
          eb.or([eb('oauth_tokens.account_id', 'is', null), eb('accounts.suspended_at', 'is', null)]),
        )
        .executeTakeFirst();
      return row ? toToken(row) : null;
    },
    async findTokenByHash(tokenHash) {
      const row = await db
        .selectFrom('oauth_tokens')
        .select(tokenColumns)
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row ? { ...toToken(row), revokedAt: row.revoked_at } : null;
    },
    async touchToken(id, at) {
      await db.updateTable('oauth_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
    },
    async revokeToken(id, at) {
      await db
        .updateTable('oauth_tokens')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .execute();
    },
    revokeAppForAccount: (accountId, appId, at) => revokeForAccount(accountId, at, appId),
    revokeAllForAccount: (accountId, at) => revokeForAccount(accountId, at),
    async listAuthorizedApps(accountId) {
      const rows = await db
        .selectFrom('oauth_tokens')
        .innerJoin('oauth_apps', 'oauth_apps.id', 'oauth_tokens.app_id')
        .where('oauth_tokens.account_id', '=', accountId)
        .where('oauth_tokens.revoked_at', 'is', null)
        .groupBy(['oauth_apps.id', 'oauth_apps.name', 'oauth_apps.website'])
        .select([
          'oauth_apps.id',
          'oauth_apps.name',
          'oauth_apps.website',
          // the union of the live tokens' scopes (array_agg cannot stack arrays of different lengths)
          sql<string[]>`array(
            SELECT DISTINCT s FROM oauth_tokens t, unnest(t.scopes) s
            WHERE t.account_id = ${accountId} AND t.app_id = oauth_apps.id AND t.revoked_at IS NULL
            ORDER BY 1)`.as('scopes'),
          sql<Date>`min(oauth_tokens.created_at)`.as('authorized_at'),
          sql<Date | null>`max(oauth_tokens.last_used_at)`.as('last_used_at'),
        ])
        .orderBy(sql`max(oauth_tokens.id)`, 'desc')
        .execute();
      return rows.map((r) => ({
        app: { id: r.id, name: r.name, website: r.website },
        scopes: r.scopes,
        authorizedAt: r.authorized_at,
        lastUsedAt: r.last_used_at,
      }));
    },
    async purgeExpiredCodes(now) {
      const r = await db.deleteFrom('oauth_codes').where('expires_at', '<', now).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
