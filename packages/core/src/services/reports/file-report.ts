import { DomainError, ValidationError } from '../../errors.ts';
import { isId } from '../../ids.ts';
import { checkReport } from '../../rules/report-rules.ts';
import type { Account } from '../../types/accounts.ts';
import type { Report } from '../../types/reports.ts';
import { requireActiveActor } from '../accounts/require-actor.ts';
import type { ServiceDeps } from '../deps.ts';

export interface FileReportInput {
  actorId: string;
  /** The reported account, by id (the API) or by username (the website). */
  accountId?: string | undefined;
  username?: string | undefined;
  category?: string | undefined;
  ruleIds?: readonly string[] | undefined;
  comment?: string | undefined;
  statusIds?: readonly string[] | undefined;
}

/** The active account reported, by id or username; `not_found` otherwise (a suspended one too). */
async function findTarget(deps: ServiceDeps, input: FileReportInput): Promise<Account> {
  const { accounts } = deps.uow;
  const found = input.accountId
    ? isId(input.accountId)
      ? await accounts.findById(input.accountId)
      : null
    : input.username && /^@?[A-Za-z0-9_]{1,30}$/.test(input.username)
      ? await accounts.findByUsername(input.username.replace(/^@/, ''))
      : null;
  if (!found || found.suspendedAt) throw new DomainError('not_found');
  return found;
}

/**
 * Files a report of an account to the moderators: a category, a comment and statuses of that account
 * the reporter can see. The reported account is told nothing (no notification, no e-mail) and never
 * learns who reported it. Refusals write nothing.
 */
export async function fileReport(
  deps: ServiceDeps,
  input: FileReportInput,
): Promise<{ report: Report; target: Account }> {
  const actor = await requireActiveActor(deps.uow, input.actorId);
  const target = await findTarget(deps, input);
  if (target.id === actor.id) throw new DomainError('cannot_report_self');
  const { errors, category, comment, statusIds } = checkReport(input);
  if (Object.keys(errors).length) throw new ValidationError(errors);
  // Each attached status must be one the reporter can see, and the reported account's own.
  const found = await Promise.all(
    statusIds.map((id) => (isId(id) ? deps.uow.statuses.findById(id, actor.id) : null)),
  );
  if (found.some((s) => !s || s.account.id !== target.id)) throw new DomainError('report_status_not_found');
  const report = await deps.uow.transaction((tx) =>
    tx.reports.create({ reporterId: actor.id, targetAccountId: target.id, category, comment, statusIds }),
  );
  return { report, target };
}
