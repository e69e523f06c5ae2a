import { DomainError } from '../../errors.ts';
import { isId } from '../../ids.ts';
import type { Account } from '../../types/accounts.ts';
import type { Status } from '../../types/statuses.ts';
import { requireActiveActor } from '../accounts/require-actor.ts';
import { getAccountByUsername } from '../accounts/get-account.ts';
import type { ServiceDeps } from '../deps.ts';

/** How many of the account's newest statuses the report form offers to attach. */
export const REPORT_FORM_STATUSES = 20;

/**
 * What the website's report form shows: the account reported and its newest statuses the reporter
 * can see, with the status the person came from (`statusId`) first when it is older than those.
 */
export async function reportForm(
  deps: ServiceDeps,
  input: { actorId: string; username: string; statusId?: string | undefined },
): Promise<{ target: Account; statuses: Status[] }> {
  const actor = await requireActiveActor(deps.uow, input.actorId);
  const target = await getAccountByUsername(deps, input.username);
  if (target.id === actor.id) throw new DomainError('cannot_report_self');
  const statuses = await deps.uow.timelines.account(target.id, { limit: REPORT_FORM_STATUSES }, actor.id);
  const wanted = input.statusId;
  if (wanted && isId(wanted) && !statuses.some((s) => s.id === wanted)) {
    const status = await deps.uow.statuses.findById(wanted, actor.id);
    if (status && status.account.id === target.id) statuses.unshift(status);
  }
  return { target, statuses };
}
