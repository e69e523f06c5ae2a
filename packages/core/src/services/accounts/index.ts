// Accounts: sign-up (website and API), log-in, look-ups, profiles with counts.
import type { ServiceDeps } from '../deps.ts';
import { authenticate, type AuthenticateInput } from './authenticate.ts';
import { findActiveAccount, getAccountById, getAccountByUsername, profile } from './get-account.ts';
import { register, type RegisterInput } from './register.ts';
import { registerViaApp, type RegisterViaAppInput } from './register-via-app.ts';

export function accountServices(deps: ServiceDeps) {
  return {
    register: (input: RegisterInput) => register(deps, input),
    /** Client API registration (POST /api/v1/accounts): the account and a token for the app. */
    registerViaApp: (input: RegisterViaAppInput) => registerViaApp(deps, input),
    authenticate: (input: AuthenticateInput) => authenticate(deps, input),
    getByUsername: (username: string) => getAccountByUsername(deps, username),
    getById: (id: string) => getAccountById(deps, id),
    /** The account behind a session or token, or null when it is gone or suspended. */
    findActive: (id: string) => findActiveAccount(deps, id),
    /** An active account by username, as its profile shows it (profile pages). */
    profile: (username: string) => profile(deps, username),
  };
}
