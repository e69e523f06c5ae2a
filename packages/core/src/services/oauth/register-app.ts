import { throwIfInvalid } from '../../errors.ts';
import type { OAuthApp } from '../../types/oauth.ts';
import { DEFAULT_SCOPES, parseScopes, unknownScopes } from '../../rules/scopes.ts';
import type { ServiceDeps } from '../deps.ts';
import { hashSecret, randomSecret } from './secrets.ts';

export const OOB_REDIRECT_URI = 'urn:ietf:wg:oauth:2.0:oob';
const NAME_MAX = 60;
const URI_MAX = 2000;
// Schemes a browser would run or read locally instead of handing to an app.
const FORBIDDEN_SCHEMES = new Set(['javascript:', 'data:', 'vbscript:', 'file:', 'blob:', 'about:']);

export interface RegisterAppInput {
  clientName: unknown;
  /** One URI, several separated by newlines, or an array. */
  redirectUris: unknown;
  /** Space-separated, or an array; defaults to `read`. */
  scopes?: unknown;
  website?: unknown;
  /** The account whose token made the request, if any. */
  ownerAccountId?: string | null;
}

/** Splits Mastodon's redirect_uris parameter (string with newlines, or array) into URIs. */
export function parseRedirectUris(value: unknown): string[] {
  const parts = Array.isArray(value) ? value : [value];
  return [
    ...new Set(
      parts
        .filter((p): p is string => typeof p === 'string')
        .flatMap((p) => p.split(/[\r\n]+/))
        .map((p) => p.trim())
        .filter(Boolean),
    ),
  ];
}

function redirectUriError(uris: string[]): string | undefined {
  if (uris.length === 0) return "Redirect URI can't be blank";
  if (uris.join('\n').length > URI_MAX) return `Redirect URI is too long (maximum is ${URI_MAX} characters)`;
  for (const uri of uris) {
    if (uri === OOB_REDIRECT_URI) continue;
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      return 'Redirect URI must be an absolute URI.';
    }
    if (url.hash || uri.includes('#')) return 'Redirect URI cannot contain a fragment.';
    if (FORBIDDEN_SCHEMES.has(url.protocol)) return 'Redirect URI is forbidden by the server.';
  }
  return undefined;
}

/**
 * Registers a client application (POST /api/v1/apps). Returns the app and its client secret, which
 * is shown this once and stored only as a hash.
 */
export async function registerApp(
  deps: ServiceDeps,
  input: RegisterAppInput,
): Promise<{ app: OAuthApp; clientSecret: string }> {
  const name = typeof input.clientName === 'string' ? input.clientName.trim() : '';
  const redirectUris = parseRedirectUris(input.redirectUris);
  const requested = parseScopes(input.scopes);
  const scopes = requested.length > 0 ? requested : [...DEFAULT_SCOPES];
  const websiteRaw = typeof input.website === 'string' ? input.website.trim() : '';
  let websiteError: string | undefined;
  if (websiteRaw) {
    try {
      const url = new URL(websiteRaw);
      if (!['http:', 'https:'].includes(url.protocol) || websiteRaw.length > URI_MAX)
        websiteError = 'Website is invalid';
    } catch {
      websiteError = 'Website is invalid';
    }
  }
  throwIfInvalid({
    name: !name
      ? "Name can't be blank"
      : [...name].length > NAME_MAX
        ? `Name is too long (maximum is ${NAME_MAX} characters)`
        : undefined,
    redirect_uris: redirectUriError(redirectUris),
    scopes: unknownScopes(scopes).length > 0 ? "Scopes doesn't match configured on the server." : undefined,
    website: websiteError,
  });
  const clientSecret = randomSecret();
  const app = await deps.uow.transaction((tx) =>
    tx.oauth.createApp({
      name,
      website: websiteRaw || null,
      redirectUris,
      scopes,
      clientId: randomSecret(),
      clientSecretHash: hashSecret(clientSecret),
      ownerAccountId: input.ownerAccountId ?? null,
    }),
  );
  return { app, clientSecret };
}
