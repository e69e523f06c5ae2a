import { createHash } from 'node:crypto';
import { DEFAULT_SCOPES, parseScopes, scopesAllowed, unknownScopes } from '../../rules/scopes.ts';
import type { ServiceDeps } from '../deps.ts';
import { authenticateClient, type ClientCredentials } from './authenticate-client.ts';
import { OAuthError } from './oauth-error.ts';
import { hashSecret, randomSecret } from './secrets.ts';

/** What POST /oauth/token answers (Mastodon's shape: no expiry, no refresh token). */
export interface TokenResult {
  accessToken: string;
  tokenType: 'Bearer';
  scopes: string[];
  createdAt: Date;
}

export interface ExchangeCodeInput extends ClientCredentials {
  code: unknown;
  redirectUri: unknown;
  codeVerifier?: unknown;
  now?: Date;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/**
 * The authorization_code grant. The code must be unused, unexpired, issued to this client for this
 * exact redirect URI, and match its PKCE challenge. A code presented a second time also revokes the
 * token it was first exchanged for (RFC 6749 section 4.1.2): someone else may hold it.
 */
export async function exchangeCode(deps: ServiceDeps, input: ExchangeCodeInput): Promise<TokenResult> {
  const app = await authenticateClient(deps, input);
  const code = str(input.code);
  const redirectUri = str(input.redirectUri);
  if (!code) throw new OAuthError('invalid_request', 'Missing required parameter: code.');
  if (!redirectUri) throw new OAuthError('invalid_request', 'Missing required parameter: redirect_uri.');
  const now = input.now ?? new Date();
  const codeHash = hashSecret(code);
  const accessToken = randomSecret();
  const result = await deps.uow.transaction(async (tx) => {
    const record = await tx.oauth.findCodeForUpdate(codeHash);
    if (!record || record.appId !== app.id) return null;
    if (record.usedAt) {
      if (record.tokenId) await tx.oauth.revokeToken(record.tokenId, now);
      return 'reused' as const;
    }
    if (record.expiresAt <= now || record.redirectUri !== redirectUri) return null;
    if (record.codeChallenge && !verifierMatches(str(input.codeVerifier), record.codeChallenge)) return null;
    const token = await tx.oauth.createToken({
      tokenHash: hashSecret(accessToken),
      appId: app.id,
      accountId: record.accountId,
      scopes: record.scopes,
    });
    await tx.oauth.markCodeUsed(codeHash, token.id, now);
    return token;
  });
  if (!result || result === 'reused') throw new OAuthError('invalid_grant');
  return { accessToken, tokenType: 'Bearer', scopes: result.scopes, createdAt: result.createdAt };
}

// PKCE S256: BASE64URL(SHA256(verifier)) equals the challenge. Verifiers are 43-128 unreserved characters.
function verifierMatches(verifier: string, challenge: string): boolean {
  if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) return false;
  return createHash('sha256').update(verifier).digest('base64url') === challenge;
}

export interface ClientCredentialsInput extends ClientCredentials {
  scope?: unknown;
}

/** The client_credentials grant: a token that acts for the app alone (no account). */
export async function clientCredentials(
  deps: ServiceDeps,
  input: ClientCredentialsInput,
): Promise<TokenResult> {
  const app = await authenticateClient(deps, input);
  const requested = parseScopes(input.scope);
  const scopes = requested.length > 0 ? requested : [...DEFAULT_SCOPES];
  if (unknownScopes(scopes).length > 0 || !scopesAllowed(scopes, app.scopes))
    throw new OAuthError('invalid_scope');
  const accessToken = randomSecret();
  const token = await deps.uow.transaction((tx) =>
    tx.oauth.createToken({ tokenHash: hashSecret(accessToken), appId: app.id, accountId: null, scopes }),
  );
  return { accessToken, tokenType: 'Bearer', scopes: token.scopes, createdAt: token.createdAt };
}

export interface RevokeInput extends ClientCredentials {
  token: unknown;
}

/**
 * Revokes a token of this client (RFC 7009). An unknown or already revoked token is not an error;
 * another client's token is (`unauthorized_client`, as Doorkeeper and so Mastodon answer).
 */
export async function revokeToken(deps: ServiceDeps, input: RevokeInput): Promise<void> {
  const app = await authenticateClient(deps, input);
  const token = str(input.token);
  if (!token) throw new OAuthError('invalid_request', 'Missing required parameter: token.');
  const record = await deps.uow.oauth.findTokenByHash(hashSecret(token));
  if (!record || record.revokedAt) return;
  if (record.appId !== app.id) throw new OAuthError('unauthorized_client');
  await deps.uow.transaction((tx) => tx.oauth.revokeToken(record.id, new Date()));
}

/** What an API request authenticated with a bearer token may do. */
export interface AccessTokenInfo {
  tokenId: string;
  appId: string;
  /** null for an app-only (client_credentials) token. */
  accountId: string | null;
  scopes: string[];
}

// last_used_at is for the settings page; writing it on every request would cost a write per read.
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

/** The token's grant, or null when it is unknown, revoked, or its account is suspended. */
export async function verifyAccessToken(deps: ServiceDeps, token: string): Promise<AccessTokenInfo | null> {
  if (!token || token.length > 512) return null;
  const record = await deps.uow.oauth.findLiveToken(hashSecret(token));
  if (!record) return null;
  const now = new Date();
  if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() > TOUCH_INTERVAL_MS)
    await deps.uow.transaction((tx) => tx.oauth.touchToken(record.id, now));
  return { tokenId: record.id, appId: record.appId, accountId: record.accountId, scopes: record.scopes };
}
