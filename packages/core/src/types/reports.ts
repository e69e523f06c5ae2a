// Reports of accounts to the moderators, and how they were resolved.
import type { Account, PublicAccount } from './accounts.ts';

/** Why an account was reported (Mastodon's report categories). */
export type ReportCategory = 'spam' | 'legal' | 'violation' | 'other';

/** How a moderator resolved a report. */
export type ReportResolution = 'dismissed' | 'statuses_deleted' | 'suspended';

/** A report as stored: the reporter, the reported account, why, and its resolution once resolved. */
export interface Report {
  id: string;
  /** The reporter; null once the reporter's account is deleted. Never shown to the reported account. */
  reporterId: string | null;
  targetAccountId: string;
  category: ReportCategory;
  comment: string;
  /** The statuses attached, as ids: kept when a status is deleted, so the report still says what it was about. */
  statusIds: string[];
  createdAt: Date;
  resolvedAt: Date | null;
  resolvedById: string | null;
  resolution: ReportResolution | null;
}

/** An attached status as moderators see it, whoever may see it otherwise and whether its author is suspended. */
export interface ReportedStatus {
  id: string;
  accountId: string;
  text: string;
  html: string;
  visibility: string;
  createdAt: Date;
  editedAt: Date | null;
}

/** A report with the accounts and statuses it names, for the moderation page. */
export interface ReportDetails extends Report {
  reporter: PublicAccount | null;
  /** The reported account, suspended or not. */
  target: Account;
  resolvedBy: PublicAccount | null;
  /** The attached statuses that still exist, in the order of statusIds. */
  statuses: ReportedStatus[];
}
