import { getAccountByUsername } from '../accounts/get-account.ts';
import type { Account, PageRequest, Status } from '../../types.ts';
import type { ServiceDeps } from '../deps.ts';

/** The public timeline: public statuses of every active account, newest first. */
export function publicTimeline(deps: ServiceDeps, page: PageRequest, viewerId?: string): Promise<Status[]> {
  return deps.uow.statuses.publicTimeline(page, viewerId);
}

/** A profile's statuses, newest first. */
export async function accountTimeline(
  deps: ServiceDeps,
  username: string,
  page: PageRequest,
  viewerId?: string,
): Promise<{ account: Account; statuses: Status[] }> {
  const account = await getAccountByUsername(deps, username);
  return { account, statuses: await deps.uow.statuses.accountTimeline(account.id, page, viewerId) };
}
