// What a valid report is, and who may moderate whom. Texts are Mastodon's (Rails' validation
// messages), since clients show them as they are.
import type { AccountRole } from '../types/accounts.ts';
import type { ReportCategory } from '../types/reports.ts';

export const REPORT_CATEGORIES: readonly ReportCategory[] = ['spam', 'legal', 'violation', 'other'];
/** Mastodon's default limit of a report's comment, in characters (code points). */
export const REPORT_COMMENT_MAX = 1000;
/** At most this many statuses attached to one report (Mastodon has no limit; a bound keeps one request small). */
export const REPORT_STATUSES_MAX = 50;

export interface ReportInput {
  category?: string | undefined;
  ruleIds?: readonly string[] | undefined;
  comment?: string | undefined;
  statusIds?: readonly string[] | undefined;
}

/**
 * Checks a report's category, rules, comment and number of statuses; returns one message per bad
 * field (empty when valid) and the normalized values. There are no server rules (GET
 * /api/v1/instance/rules is empty), so `violation` and any `rule_ids` are refused as Mastodon refuses
 * rules it does not have.
 */
export function checkReport(input: ReportInput): {
  errors: Record<string, string>;
  category: ReportCategory;
  comment: string;
  statusIds: string[];
} {
  const errors: Record<string, string> = {};
  const ruleIds = input.ruleIds ?? [];
  // Mastodon: rule_ids make it a violation report whatever category was given; absent, it is `other`.
  const raw = ruleIds.length ? 'violation' : input.category || 'other';
  const category = (REPORT_CATEGORIES as readonly string[]).includes(raw) ? (raw as ReportCategory) : 'other';
  if (category !== raw) errors.category = 'Category is not included in the list';
  else if (category === 'violation') errors.rule_ids = 'Rule ids does not reference valid rules';
  const comment = (input.comment ?? '').trim();
  if ([...comment].length > REPORT_COMMENT_MAX)
    errors.comment = `Comment is too long (maximum is ${REPORT_COMMENT_MAX} characters)`;
  const statusIds = [...new Set(input.statusIds ?? [])];
  if (statusIds.length > REPORT_STATUSES_MAX)
    errors.status_ids = `Status ids are too many (maximum is ${REPORT_STATUSES_MAX})`;
  return { errors, category, comment, statusIds };
}

const RANK: Record<AccountRole, number> = { user: 0, moderator: 1, admin: 2 };

/** Moderators and admins see and resolve reports. */
export function canModerate(role: AccountRole): boolean {
  return RANK[role] >= RANK.moderator;
}

/**
 * Whether an account with role `actor` may act against one with role `target` (delete its
 * statuses, suspend it): only a higher role may, as on Mastodon, so moderators cannot act against
 * each other or an admin, and nobody against themselves through a report.
 */
export function outranks(actor: AccountRole, target: AccountRole): boolean {
  return canModerate(actor) && RANK[actor] > RANK[target];
}

export const ACCOUNT_ROLES: readonly AccountRole[] = ['user', 'moderator', 'admin'];

/** True for a role the CLI may set. */
export function isAccountRole(value: string): value is AccountRole {
  return (ACCOUNT_ROLES as readonly string[]).includes(value);
}
