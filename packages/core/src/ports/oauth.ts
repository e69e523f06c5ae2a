// OAuth apps, codes and tokens. Secrets, codes and tokens arrive here already hashed.
import type {
  AuthorizedApp,
  NewOAuthApp,
  OAuthApp,
  OAuthCodeRecord,
  OAuthTokenRecord,
} from '../types/oauth.ts';

export interface OAuthRepository {
  createApp(input: NewOAuthApp): Promise<OAuthApp>;
  findAppById(id: string): Promise<OAuthApp | null>;
  /** The app with its secret hash, for client authentication. */
  findAppByClientId(clientId: string): Promise<{ app: OAuthApp; clientSecretHash: string } | null>;
  createCode(codeHash: string, code: Omit<OAuthCodeRecord, 'usedAt' | 'tokenId'>): Promise<void>;
  /** The code, locked until the transaction ends so two exchanges of it cannot both succeed. */
  findCodeForUpdate(codeHash: string): Promise<OAuthCodeRecord | null>;
  markCodeUsed(codeHash: string, tokenId: string, at: Date): Promise<void>;
  createToken(input: {
    tokenHash: string;
    appId: string;
    accountId: string | null;
    scopes: string[];
  }): Promise<OAuthTokenRecord>;
  /** A token that is not revoked and whose account (if any) is not suspended. */
  findLiveToken(tokenHash: string): Promise<OAuthTokenRecord | null>;
  /** Any token with this hash, revoked or not (for revocation by its client). */
  findTokenByHash(tokenHash: string): Promise<(OAuthTokenRecord & { revokedAt: Date | null }) | null>;
  touchToken(id: string, at: Date): Promise<void>;
  revokeToken(id: string, at: Date): Promise<void>;
  /** Revokes every live token of one person for one app, and its unused codes; returns how many tokens. */
  revokeAppForAccount(accountId: string, appId: string, at: Date): Promise<number>;
  /** Revokes every live token of one person and deletes their unused codes; returns how many tokens. */
  revokeAllForAccount(accountId: string, at: Date): Promise<number>;
  /** Apps with live tokens of this person, most recently authorized first. */
  listAuthorizedApps(accountId: string): Promise<AuthorizedApp[]>;
  /** Deletes expired authorization codes; returns how many. */
  purgeExpiredCodes(now: Date): Promise<number>;
}
