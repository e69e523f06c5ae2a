// Domain errors carry a stable code and a message for people, and nothing of HTTP: one table at the
// web edge (apps/web/src/errors/policy.ts) maps each code to a status, the API's text and the page's.

/** Why a service refused. Add a code here and a row to the edge's table together. */
export type ErrorCode =
  /** Bad input; `fields` holds one message per field. */
  | 'validation_failed'
  /** The thing asked for does not exist, or is hidden from the asker. */
  | 'not_found'
  /** The thing exists but belongs to someone else (edit or delete of another's status, say). */
  | 'not_owner'
  /** The acting account is suspended (or gone): it may do nothing. */
  | 'account_suspended'
  /** Log-in with a wrong username, e-mail or password. */
  | 'invalid_credentials'
  /** A reply to a status that does not exist or cannot be seen. */
  | 'reply_target_missing'
  /** Following yourself. */
  | 'cannot_follow_self'
  /** Blocking yourself. */
  | 'cannot_block_self'
  /** Muting yourself. */
  | 'cannot_mute_self'
  /** A block between the two accounts forbids it (following someone who blocks you, say). */
  | 'blocked'
  /** A boost Mastodon's policy refuses: a direct status, or another's followers-only one. */
  | 'cannot_reblog'
  /** Asking to confirm an address that is already confirmed. */
  | 'already_confirmed'
  /** An e-mailed token link (confirmation, password reset) that is wrong, used or expired. */
  | 'invalid_link'
  /** A signed link (unsubscribe) whose signature does not check out. */
  | 'invalid_signature'
  /** An uploaded file over the size limit (a ValidationError naming its field). */
  | 'file_too_large'
  /** The actor's role does not allow it (moderation by someone who is not a moderator, say). */
  | 'forbidden'
  /** Reporting your own account. */
  | 'cannot_report_self'
  /** A report naming statuses that do not exist, cannot be seen or are not the reported account's. */
  | 'report_status_not_found'
  /** Resolving a report that another moderator has resolved already. */
  | 'report_resolved'
  /** Too many attempts of something that is limited (failed log-ins to one account, say). */
  | 'rate_limited'
  /** A status with both a poll and media attachments. */
  | 'poll_with_media';

const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  validation_failed: 'Some of what you entered is not valid.',
  not_found: 'That does not exist, or you cannot see it.',
  not_owner: 'That belongs to someone else.',
  account_suspended: 'This account is suspended.',
  invalid_credentials: 'Incorrect username or password.',
  reply_target_missing: 'The status you replied to does not exist.',
  cannot_follow_self: 'You cannot follow yourself.',
  cannot_block_self: 'You cannot block yourself.',
  cannot_mute_self: 'You cannot mute yourself.',
  blocked: 'You cannot do that while one of you blocks the other.',
  cannot_reblog: 'Only its author can boost a followers-only post, and direct posts cannot be boosted.',
  already_confirmed: 'Your e-mail address is already confirmed.',
  invalid_link: 'This link is not valid, was already used or has expired.',
  invalid_signature: 'This link is not valid.',
  file_too_large: 'The file is too large.',
  forbidden: 'You are not allowed to do that.',
  cannot_report_self: 'You cannot report yourself.',
  report_status_not_found: 'Some of the posts you chose do not exist or are not by the account you report.',
  report_resolved: 'This report was already resolved.',
  rate_limited: 'Too many attempts. Try again later.',
  poll_with_media: 'A post with a poll cannot have images.',
};

/** The message a code carries when the service gives none (the edge may word it its own way). */
export function defaultMessage(code: ErrorCode): string {
  return DEFAULT_MESSAGES[code];
}

/** Every error a service throws on purpose. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string = DEFAULT_MESSAGES[code]) {
    super(message);
    this.code = code;
    this.name = new.target.name;
  }
}

/**
 * Bad input: one message per field, shown next to that field on the website. The code is
 * validation_failed unless a more specific one says how the edge answers (file_too_large: 413).
 */
export class ValidationError extends DomainError {
  readonly fields: Readonly<Record<string, string>>;
  constructor(fields: Record<string, string>, code: ErrorCode = 'validation_failed') {
    super(code, Object.values(fields).join(' '));
    this.fields = fields;
  }
}

/** True for a domain error, optionally of one of the given codes. */
export function isDomainError(error: unknown, ...codes: ErrorCode[]): error is DomainError {
  return error instanceof DomainError && (codes.length === 0 || codes.includes(error.code));
}

/** Throws a ValidationError when any field has a message. */
export function throwIfInvalid(fields: Record<string, string | undefined>): void {
  const errors = Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => !!e[1]));
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
}
