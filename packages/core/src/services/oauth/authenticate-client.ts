import type { OAuthApp } from '../../types/oauth.ts';
import type { ServiceDeps } from '../deps.ts';
import { OAuthError } from './oauth-error.ts';
import { secretMatches } from './secrets.ts';

export interface ClientCredentials {
  clientId: unknown;
  clientSecret: unknown;
}

/** The app whose id and secret these are; otherwise an `invalid_client` error. */
export async function authenticateClient(deps: ServiceDeps, input: ClientCredentials): Promise<OAuthApp> {
  const { clientId, clientSecret } = input;
  if (typeof clientId !== 'string' || typeof clientSecret !== 'string' || !clientId || !clientSecret)
    throw new OAuthError('invalid_client');
  const found = clientId.length <= 200 ? await deps.uow.oauth.findAppByClientId(clientId) : null;
  if (!found || !secretMatches(clientSecret, found.clientSecretHash)) throw new OAuthError('invalid_client');
  return found.app;
}
