import { ValidationError } from '../../errors.ts';
import type { Report } from '../../types/reports.ts';
import type { ServiceDeps } from '../deps.ts';
import { cancelMentionEmails } from '../mail/mention-emails.ts';
import { openReport } from './open-report.ts';

/**
 * Deletes the statuses attached to a report (those that still exist) and resolves it, in one
 * transaction; returns the report and how many statuses were deleted.
 */
export async function deleteReportedStatuses(
  deps: ServiceDeps,
  input: { actorId: string; reportId: string },
): Promise<{ report: Report; deleted: number }> {
  return deps.uow.transaction(async (tx) => {
    const { moderator, report } = await openReport(tx, input, true);
    const statuses = (await tx.reports.findDetails(report.id))?.statuses ?? [];
    if (statuses.length === 0)
      throw new ValidationError({ _form: 'The posts of this report no longer exist: dismiss it instead.' });
    for (const status of statuses) {
      // A visible status carries its mentions, whose pending e-mails go with it; a suspended author's
      // status is not visible, and its e-mails find it gone.
      const shown = await tx.statuses.findById(status.id);
      await tx.statuses.delete(status.id);
      if (shown) await cancelMentionEmails(tx, shown);
    }
    await tx.reports.resolve(report.id, { resolution: 'statuses_deleted', resolvedById: moderator.id });
    return { report: (await tx.reports.findById(report.id))!, deleted: statuses.length };
  });
}
