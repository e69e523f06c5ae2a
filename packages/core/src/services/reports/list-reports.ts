import type { PageRequest } from '../../types/common.ts';
import type { Account } from '../../types/accounts.ts';
import type { ReportDetails } from '../../types/reports.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireModerator } from './require-moderator.ts';

/**
 * A page of open (or resolved) reports, newest first, for a moderator or admin, with the number of
 * open ones. Reports about the moderator themselves are left out: nobody sees reports about
 * themselves, or who filed them.
 */
export async function listReports(
  deps: ServiceDeps,
  input: { actorId: string; resolved: boolean; page: PageRequest },
): Promise<{ moderator: Account; reports: ReportDetails[]; openCount: number }> {
  const moderator = await requireModerator(deps.uow, input.actorId);
  const { reports, openCount } = await deps.uow.reports.list({
    resolved: input.resolved,
    excludeTargetId: moderator.id,
    page: input.page,
  });
  return { moderator, reports, openCount };
}
