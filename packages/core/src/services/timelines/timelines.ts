import { normalizeTag } from '../../text/tokenize.ts';
import type { AccountStatusFilter, PublicTimelineFilter } from '../../ports/timelines.ts';
import type { Account } from '../../types/accounts.ts';
import type { PageRequest } from '../../types/common.ts';
import type { Status } from '../../types/statuses.ts';
import { getAccountById, getAccountByUsername } from '../accounts/get-account.ts';
import type { ServiceDeps } from '../deps.ts';

/** The public timeline: public statuses of every active account, newest first. */
export function publicTimeline(
  deps: ServiceDeps,
  page: PageRequest,
  viewerId?: string,
  filter?: PublicTimelineFilter,
): Promise<Status[]> {
  return deps.uow.timelines.public(page, viewerId, filter);
}

/** The actor's home timeline: their own statuses and those of the accounts they follow, newest first. */
export function homeTimeline(
  deps: ServiceDeps,
  input: { actorId: string; page: PageRequest },
): Promise<Status[]> {
  return deps.uow.timelines.home(input.actorId, input.page);
}

/** A profile's statuses by username, newest first (the website's profile page). */
export async function accountTimeline(
  deps: ServiceDeps,
  username: string,
  page: PageRequest,
  viewerId?: string,
): Promise<{ account: Account; statuses: Status[] }> {
  const account = await getAccountByUsername(deps, username);
  return { account, statuses: await deps.uow.timelines.account(account.id, page, viewerId) };
}

export interface AccountStatusesInput {
  accountId: string;
  page: PageRequest;
  viewerId?: string | undefined;
  excludeReplies?: boolean | undefined;
  excludeReblogs?: boolean | undefined;
  onlyMedia?: boolean | undefined;
  pinned?: boolean | undefined;
  /** A hashtag, with or without `#`, matched exactly (ignoring case). */
  tagged?: string | undefined;
}

/** An account's statuses by id with Mastodon's filters (GET /api/v1/accounts/:id/statuses). */
export async function accountStatuses(deps: ServiceDeps, input: AccountStatusesInput): Promise<Status[]> {
  const account = await getAccountById(deps, input.accountId);
  // Its pinned statuses, newest pin first (Mastodon ignores the other filters with this one).
  if (input.pinned) return deps.uow.pins.byAccount(account.id, input.page, input.viewerId);
  const tagged = input.tagged?.trim().replace(/^#/, '');
  const filter: AccountStatusFilter = {
    excludeReplies: input.excludeReplies,
    excludeReblogs: input.excludeReblogs,
    tagged: tagged ? normalizeTag(tagged) : undefined,
    onlyMedia: input.onlyMedia,
  };
  return deps.uow.timelines.account(account.id, input.page, input.viewerId, filter);
}
