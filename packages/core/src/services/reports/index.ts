// Reports and moderation: anyone files a report; moderators and admins list and resolve them.
import type { PageRequest } from '../../types/common.ts';
import type { ServiceDeps } from '../deps.ts';
import { deleteReportedStatuses } from './delete-reported-statuses.ts';
import { dismissReport } from './dismiss-report.ts';
import { fileReport, type FileReportInput } from './file-report.ts';
import { listReports } from './list-reports.ts';
import { reportForm } from './report-form.ts';
import { suspendReportedAccount } from './suspend-reported-account.ts';

type Act = { actorId: string; reportId: string };

export function reportServices(deps: ServiceDeps) {
  return {
    file: (input: FileReportInput) => fileReport(deps, input),
    /** The website's report form: the account and its newest statuses to choose from. */
    form: (input: { actorId: string; username: string; statusId?: string | undefined }) =>
      reportForm(deps, input),
    list: (input: { actorId: string; resolved: boolean; page: PageRequest }) => listReports(deps, input),
    dismiss: (input: Act) => dismissReport(deps, input),
    deleteStatuses: (input: Act) => deleteReportedStatuses(deps, input),
    suspendAccount: (input: Act) => suspendReportedAccount(deps, input),
  };
}
