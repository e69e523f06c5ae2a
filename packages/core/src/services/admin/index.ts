// The operator's account actions (npm run cli -- accounts …).
import type { AccountListRequest } from '../../ports/accounts.ts';
import type { ServiceDeps } from '../deps.ts';
import { listAccounts, suspendAccount, unsuspendAccount } from './moderation.ts';
import { setAccountRole } from './set-role.ts';

export function adminServices(deps: ServiceDeps) {
  return {
    suspend: (username: string) => suspendAccount(deps, username),
    unsuspend: (username: string) => unsuspendAccount(deps, username),
    list: (request: AccountListRequest) => listAccounts(deps, request),
    /** Gives an account the role `user`, `moderator` or `admin` (npm run cli -- accounts role). */
    setRole: (username: string, role: string) => setAccountRole(deps, username, role),
    /** Recomputes every counter (npm run cli -- counters rebuild); returns how many were wrong. */
    rebuildCounters: () => deps.uow.transaction((tx) => tx.stats.rebuildCounters()),
  };
}
