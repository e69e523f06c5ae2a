// The one table that turns a refusal into an answer, for the website and the API alike: each domain
// error code gets its status, the API's text (Mastodon's, where clients match on it) and, for
// forms, the field its message belongs next to. Routes never remap errors themselves.
import type { FastifyError } from 'fastify';
import { defaultMessage, DomainError, OAuthError, ValidationError, type ErrorCode } from '@microposts/core';
import { isDatabaseUnavailable } from '@microposts/runtime';

interface Policy {
  /** The status on both surfaces, unless `apiStatus` says otherwise. */
  status: number;
  /** The API's status where Mastodon answers differently from what a page should. */
  apiStatus?: number;
  /** The API's text; the error's own message when absent. */
  api?: string;
  /** In a form, the field the message is shown next to (`_form`: above the form). */
  field?: string;
  /** A bare refusal (the code's default message) is worded by the error page itself. */
  pageWords?: true;
}

const NOT_FOUND = 'Record not found';

export const POLICY: Record<ErrorCode, Policy> = {
  validation_failed: { status: 422 },
  not_found: { status: 404, api: NOT_FOUND, pageWords: true },
  // Someone else's status is "not found" to the API, as on Mastodon (edit and delete alike).
  not_owner: { status: 403, apiStatus: 404, api: NOT_FOUND },
  account_suspended: { status: 403 },
  invalid_credentials: { status: 401, field: '_form' },
  reply_target_missing: {
    status: 422,
    apiStatus: 404,
    api: 'The post you are trying to reply to does not appear to exist.',
    field: 'in_reply_to_id',
  },
  cannot_follow_self: { status: 422 },
  cannot_block_self: { status: 422 },
  cannot_mute_self: { status: 422 },
  // Mastodon's NotPermittedError (following someone who blocks you, say).
  blocked: { status: 403, api: 'This action is not allowed' },
  // Mastodon's StatusPolicy#reblog? refusal: NotPermittedError.
  cannot_reblog: { status: 403, api: 'This action is not allowed' },
  already_confirmed: { status: 422, field: '_form' },
  invalid_link: { status: 422, field: '_form' },
  invalid_signature: { status: 403, field: '_form' },
  // An upload over the limit: 413 with the message itself (no "Validation failed:"), next to its field.
  file_too_large: { status: 413 },
  forbidden: { status: 403, api: 'This action is not allowed', pageWords: true },
  cannot_report_self: { status: 422, api: 'Validation failed: You cannot report yourself', field: '_form' },
  // As Mastodon: statuses of another account (or none) make the report's look-up fail.
  report_status_not_found: { status: 422, apiStatus: 404, api: NOT_FOUND, field: 'status_ids' },
  report_resolved: { status: 409 },
  rate_limited: { status: 429, field: '_form' },
  // Mastodon's words for a poll with media (PostStatusService counts a poll as too many files).
  poll_with_media: { status: 422, api: 'Cannot attach more than 4 files', field: 'poll' },
};

/** An error whose status and body text are exactly what the client API answers (edge-only). */
export class ApiError extends Error {
  readonly statusCode: number;
  constructor(statusCode: number, message: string) {
    super(message);
    this.statusCode = statusCode;
  }
}

export const PARSE_ERROR = 'Error occurred while parsing request parameters.';

export interface Answer {
  status: number;
  /** The text to show or send; undefined on a page means the page's default for the status. */
  message: string | undefined;
  /** The JSON body for the API when it is not `{"error": message}` (OAuth's RFC 6749 form). */
  body?: Record<string, string>;
}

/** How a domain error is shown in a form: one message per field, or null when a form cannot show it. */
export function formErrors(error: unknown): { status: number; fields: Record<string, string> } | null {
  if (error instanceof ValidationError)
    return { status: POLICY[error.code].status, fields: { ...error.fields } };
  if (error instanceof DomainError) {
    const policy = POLICY[error.code];
    if (policy.field) return { status: policy.status, fields: { [policy.field]: error.message } };
  }
  return null;
}

/** The answer to any error, for the API (`api`) or a web page (`page`). */
export function answerFor(error: unknown, surface: 'api' | 'page'): Answer {
  if (error instanceof DomainError) {
    const policy = POLICY[error.code];
    // A page words a bare "not found" or "not allowed" its own way; a specific reason is shown as is.
    if (surface === 'page') {
      // A bare "not found" is worded by the error page itself; a specific reason is shown as is.
      const bare = policy.pageWords && error.message === defaultMessage(error.code);
      return { status: policy.status, message: bare ? undefined : error.message };
    }
    // Rails' full_messages, as Mastodon words them: "Validation failed: A, B".
    const message =
      error instanceof ValidationError && error.code === 'validation_failed'
        ? `Validation failed: ${Object.values(error.fields).join(', ')}`
        : error.message;
    return { status: policy.apiStatus ?? policy.status, message: policy.api ?? message };
  }
  if (error instanceof OAuthError) {
    const status = error.code === 'invalid_client' ? 401 : error.code === 'unauthorized_client' ? 403 : 400;
    return {
      status,
      message: error.description,
      body: { error: error.code, error_description: error.description },
    };
  }
  if (error instanceof ApiError) return { status: error.statusCode, message: error.message };
  // PostgreSQL down or restarting: "come back in a moment" (with Retry-After), never a 500.
  if (isDatabaseUnavailable(error)) return unavailable(surface);
  const e = error as FastifyError;
  if (surface === 'api' && e.validation) return validationAnswer(e);
  if (e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY')
    return { status: 400, message: PARSE_ERROR };
  const code = e.statusCode;
  const status = typeof code === 'number' && code >= 400 && code < 600 ? code : 500;
  if (status === 503) return unavailable(surface);
  if (status >= 500) return { status, message: surface === 'api' ? 'Internal server error' : undefined };
  if (surface === 'page') return { status, message: undefined };
  if (status === 404) return { status, message: NOT_FOUND };
  return { status, message: e.message || 'Bad request' };
}

// A page says it in its own words (the error page's default text); JSON says it briefly.
const unavailable = (surface: 'api' | 'page'): Answer => ({
  status: 503,
  message: surface === 'api' ? 'Service unavailable' : undefined,
});

// Fastify's schema validation, in Mastodon's words: a bad body is 422, a bad query or path 400.
function validationAnswer(e: FastifyError): Answer {
  const where = e.validationContext === 'body' ? '' : `${e.validationContext} `;
  const detail = e
    .validation!.map((v) => {
      const path = (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.');
      const missing = (v.params as { missingProperty?: string })?.missingProperty;
      return `${where}${path || missing || 'parameter'} ${v.message ?? 'is invalid'}`;
    })
    .join(', ');
  return e.validationContext === 'body'
    ? { status: 422, message: `Validation failed: ${detail}` }
    : { status: 400, message: detail };
}
