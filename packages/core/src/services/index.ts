// Binds every service to its dependencies; the composition root calls this once per process.
import type { ServiceDeps } from './deps.ts';
import { authenticate, type AuthenticateInput } from './accounts/authenticate.ts';
import { findActiveAccount, getAccountById, getAccountByUsername } from './accounts/get-account.ts';
import { register, type RegisterInput } from './accounts/register.ts';
import { createStatus, type CreateStatusInput } from './statuses/create-status.ts';
import { deleteStatus } from './statuses/delete-status.ts';
import { getStatus } from './statuses/get-status.ts';
import { accountTimeline, publicTimeline } from './timelines/timelines.ts';
import type { PageRequest } from '../types.ts';

/** Builds the service object that routes, tasks and the CLI call. */
export function createServices(deps: ServiceDeps) {
  return {
    deps,
    accounts: {
      register: (input: RegisterInput) => register(deps, input),
      authenticate: (input: AuthenticateInput) => authenticate(deps, input),
      getByUsername: (username: string) => getAccountByUsername(deps, username),
      getById: (id: string) => getAccountById(deps, id),
      /** The account behind a session or token, or null when it is gone or suspended. */
      findActive: (id: string) => findActiveAccount(deps, id),
    },
    /** Website session storage; the web edge hashes ids before they get here. */
    sessions: deps.uow.sessions,
    statuses: {
      create: (input: CreateStatusInput) => createStatus(deps, input),
      delete: (input: { actorId: string; statusId: string }) => deleteStatus(deps, input),
      get: (id: string) => getStatus(deps, id),
    },
    timelines: {
      public: (page: PageRequest) => publicTimeline(deps, page),
      account: (username: string, page: PageRequest) => accountTimeline(deps, username, page),
    },
  };
}

export type Services = ReturnType<typeof createServices>;
export type { ServiceDeps };
