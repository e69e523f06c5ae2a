// The OAuth 2 authorization server (docs/api.md, "Authentication (for developers)").
import type { ServiceDeps } from '../deps.ts';
import { getApp, listAuthorizedApps, revokeAuthorization } from './authorized-apps.ts';
import {
  issueCode,
  validateAuthorizationRequest,
  type AuthorizationParams,
  type AuthorizationRequest,
} from './authorize.ts';
import { registerApp, type RegisterAppInput } from './register-app.ts';
import {
  clientCredentials,
  exchangeCode,
  revokeToken,
  verifyAccessToken,
  type ClientCredentialsInput,
  type ExchangeCodeInput,
  type RevokeInput,
} from './tokens.ts';

/** Apps, authorization codes and tokens. */
export function oauthServices(deps: ServiceDeps) {
  return {
    registerApp: (input: RegisterAppInput) => registerApp(deps, input),
    getApp: (id: string) => getApp(deps, id),
    validateAuthorization: (params: AuthorizationParams) => validateAuthorizationRequest(deps, params),
    authorize: (input: { accountId: string; request: AuthorizationRequest; now?: Date }) =>
      issueCode(deps, input),
    exchangeCode: (input: ExchangeCodeInput) => exchangeCode(deps, input),
    clientCredentials: (input: ClientCredentialsInput) => clientCredentials(deps, input),
    revoke: (input: RevokeInput) => revokeToken(deps, input),
    verifyAccessToken: (token: string) => verifyAccessToken(deps, token),
    listAuthorizedApps: (accountId: string) => listAuthorizedApps(deps, accountId),
    revokeAuthorization: (input: { accountId: string; appId: string }) => revokeAuthorization(deps, input),
  };
}
