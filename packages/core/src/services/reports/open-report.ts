import { DomainError } from '../../errors.ts';
import { isId } from '../../ids.ts';
import type { UnitOfWork } from '../../ports/unit-of-work.ts';
import { outranks } from '../../rules/report-rules.ts';
import type { Account } from '../../types/accounts.ts';
import type { Report } from '../../types/reports.ts';
import { requireModerator } from './require-moderator.ts';

/**
 * Inside a resolving transaction: the moderator, the open report (its row locked, so two moderators
 * acting at once resolve it once) and the reported account. A report about the moderator is not
 * found; one resolved already is `report_resolved`. With `act`, the moderator must outrank the
 * reported account (delete its statuses, suspend it): a moderator acts against users, an admin
 * against users and moderators.
 */
export async function openReport(
  tx: UnitOfWork,
  input: { actorId: string; reportId: string },
  act: boolean,
): Promise<{ moderator: Account; report: Report; target: Account }> {
  const moderator = await requireModerator(tx, input.actorId);
  const report = isId(input.reportId) ? await tx.reports.findById(input.reportId, { forUpdate: true }) : null;
  if (!report || report.targetAccountId === moderator.id) throw new DomainError('not_found');
  if (report.resolvedAt) throw new DomainError('report_resolved');
  const target = await tx.accounts.findById(report.targetAccountId);
  if (!target) throw new DomainError('not_found');
  if (act && !outranks(moderator.role, target.role))
    throw new DomainError(
      'forbidden',
      target.role === 'admin'
        ? 'Nobody can act against an admin here; an operator can, with the command line.'
        : 'Only an admin can act against a moderator.',
    );
  return { moderator, report, target };
}
