// OAuth 2 applications, codes and tokens. Secrets, codes and tokens are only ever stored hashed.

/** A registered client application. */
export interface OAuthApp {
  id: string;
  name: string;
  website: string | null;
  redirectUris: string[];
  scopes: string[];
  clientId: string;
  ownerAccountId: string | null;
  createdAt: Date;
}

export interface NewOAuthApp {
  name: string;
  website: string | null;
  redirectUris: string[];
  scopes: string[];
  clientId: string;
  clientSecretHash: string;
  ownerAccountId: string | null;
}

export interface OAuthCodeRecord {
  appId: string;
  accountId: string;
  scopes: string[];
  redirectUri: string;
  codeChallenge: string | null;
  expiresAt: Date;
  usedAt: Date | null;
  tokenId: string | null;
}

export interface OAuthTokenRecord {
  id: string;
  appId: string;
  accountId: string | null;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** One app a person has authorized, for the settings page. */
export interface AuthorizedApp {
  app: Pick<OAuthApp, 'id' | 'name' | 'website'>;
  /** The union of the scopes of the person's live tokens for this app. */
  scopes: string[];
  /** When the person first authorized it (the oldest live token). */
  authorizedAt: Date;
  lastUsedAt: Date | null;
}
