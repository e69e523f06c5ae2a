import type { OAuthApp } from '../../types/oauth.ts';
import { DEFAULT_SCOPES, parseScopes, scopesAllowed, unknownScopes } from '../../rules/scopes.ts';
import type { ServiceDeps } from '../deps.ts';
import { OAuthError } from './oauth-error.ts';
import { hashSecret, randomSecret } from './secrets.ts';

/** Authorization codes live ten minutes and are single-use. */
export const CODE_LIFETIME_MS = 10 * 60 * 1000;
// RFC 7636 section 4.2: the S256 challenge is base64url of 32 bytes; allow the full verifier range.
const CHALLENGE = /^[A-Za-z0-9._~-]{43,128}$/;

export interface AuthorizationParams {
  clientId: unknown;
  redirectUri: unknown;
  responseType: unknown;
  scope?: unknown;
  codeChallenge?: unknown;
  codeChallengeMethod?: unknown;
}

/** A checked authorization request, ready to show to the person and to turn into a code. */
export interface AuthorizationRequest {
  app: OAuthApp;
  redirectUri: string;
  scopes: string[];
  codeChallenge: string | null;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/**
 * Checks GET /oauth/authorize's parameters. `invalid_client` and `invalid_redirect_uri` must be shown
 * to the person (never redirected: the redirect URI is not trusted yet); the others carry the
 * checked redirect URI so the edge can send the client back with the error.
 */
export async function validateAuthorizationRequest(
  deps: ServiceDeps,
  params: AuthorizationParams,
): Promise<AuthorizationRequest> {
  const clientId = str(params.clientId);
  const found = clientId && clientId.length <= 200 ? await deps.uow.oauth.findAppByClientId(clientId) : null;
  if (!found) throw new OAuthError('invalid_client');
  const { app } = found;
  const redirectUri = str(params.redirectUri);
  // Exact string comparison, as RFC 6749 section 3.1.2.3 and docs/product.md §7 require.
  if (!app.redirectUris.includes(redirectUri)) throw new OAuthError('invalid_redirect_uri');
  const error = redirectableError(params, app);
  if (error) throw new AuthorizationRedirectError(error, redirectUri);
  const requested = parseScopes(params.scope);
  const challenge = str(params.codeChallenge);
  return {
    app,
    redirectUri,
    scopes: requested.length > 0 ? requested : [...DEFAULT_SCOPES],
    codeChallenge: challenge || null,
  };
}

function redirectableError(params: AuthorizationParams, app: OAuthApp): OAuthError | null {
  if (str(params.responseType) !== 'code') return new OAuthError('unsupported_response_type');
  const requested = parseScopes(params.scope);
  const scopes = requested.length > 0 ? requested : [...DEFAULT_SCOPES];
  if (unknownScopes(scopes).length > 0 || !scopesAllowed(scopes, app.scopes))
    return new OAuthError('invalid_scope');
  const challenge = str(params.codeChallenge);
  if (challenge) {
    const method = str(params.codeChallengeMethod) || 'plain';
    if (method !== 'S256')
      return new OAuthError('invalid_request', 'Only the S256 code_challenge_method is supported.');
    if (!CHALLENGE.test(challenge))
      return new OAuthError('invalid_request', 'The code_challenge is malformed.');
  }
  return null;
}

/** An authorization error that is sent back to the client at its (checked) redirect URI. */
export class AuthorizationRedirectError extends OAuthError {
  readonly redirectUri: string;
  constructor(error: OAuthError, redirectUri: string) {
    super(error.code, error.description);
    this.redirectUri = redirectUri;
  }
}

/** Issues a single-use authorization code after the person approved the request. */
export async function issueCode(
  deps: ServiceDeps,
  input: { accountId: string; request: AuthorizationRequest; now?: Date },
): Promise<string> {
  const code = randomSecret();
  const now = input.now ?? new Date();
  await deps.uow.transaction((tx) =>
    tx.oauth.createCode(hashSecret(code), {
      appId: input.request.app.id,
      accountId: input.accountId,
      scopes: input.request.scopes,
      redirectUri: input.request.redirectUri,
      codeChallenge: input.request.codeChallenge,
      expiresAt: new Date(now.getTime() + CODE_LIFETIME_MS),
    }),
  );
  return code;
}
