// The reports table: reports of accounts, listed and resolved by moderators.
import type { PageRequest } from '../types/common.ts';
import type { Report, ReportCategory, ReportDetails, ReportResolution } from '../types/reports.ts';

export interface NewReport {
  reporterId: string;
  targetAccountId: string;
  category: ReportCategory;
  comment: string;
  statusIds: string[];
}

export interface ReportListRequest {
  /** Resolved reports (true) or open ones (false). */
  resolved: boolean;
  /** Reports about this account are left out (the moderator looking: nobody sees reports about themselves). */
  excludeTargetId: string;
  page: PageRequest;
}

export interface Resolution {
  resolution: ReportResolution;
  resolvedById: string;
}

export interface ReportRepository {
  create(input: NewReport): Promise<Report>;
  /** One report; `forUpdate` locks its row until the transaction ends (two moderators acting at once). */
  findById(id: string, options?: { forUpdate?: boolean }): Promise<Report | null>;
  /** One report with the accounts and statuses it names. */
  findDetails(id: string): Promise<ReportDetails | null>;
  /**
   * Reports newest first, with the accounts and statuses they name, and how many reports are open
   * (not counting those about `excludeTargetId`): the moderation page (through the read cache, no
   * query while nothing it shows changed).
   */
  list(request: ReportListRequest): Promise<{ reports: ReportDetails[]; openCount: number }>;
  /** Resolves one open report now; false when it was already resolved. */
  resolve(id: string, resolution: Resolution): Promise<boolean>;
  /** Resolves every open report about an account now (a suspension answers them all); returns how many. */
  resolveOpenAbout(targetAccountId: string, resolution: Resolution): Promise<number>;
}
