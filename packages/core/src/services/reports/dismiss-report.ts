import type { Report } from '../../types/reports.ts';
import type { ServiceDeps } from '../deps.ts';
import { openReport } from './open-report.ts';

/** Resolves a report without acting on the account (nothing wrong, or nothing to do). */
export async function dismissReport(
  deps: ServiceDeps,
  input: { actorId: string; reportId: string },
): Promise<Report> {
  return deps.uow.transaction(async (tx) => {
    const { moderator, report } = await openReport(tx, input, false);
    await tx.reports.resolve(report.id, { resolution: 'dismissed', resolvedById: moderator.id });
    return (await tx.reports.findById(report.id))!;
  });
}
