export * from './errors.ts';
export * from './types.ts';
export * from './social-types.ts';
export * from './rules/reply-rules.ts';
export * from './pagination.ts';
export * from './rules/account-rules.ts';
export * from './rules/status-rules.ts';
export * from './rules/search-rules.ts';
export * from './search-types.ts';
export type * from './ports/search-repositories.ts';
export * from './text/escape.ts';
export * from './text/render.ts';
export * from './text/tokenize.ts';
export * from './security/password.ts';
export type * from './ports/repositories.ts';
export type * from './ports/social-repositories.ts';
export type * from './ports/unit-of-work.ts';
export type * from './ports/idempotency-repository.ts';
export type * from './ports/usage-repository.ts';
export type * from './ports/job-repository.ts';
export type * from './ports/account-email-repository.ts';
export type * from './ports/mailer.ts';
export * from './jobs/payloads.ts';
export * from './rules/scopes.ts';
export * from './services/oauth/oauth-error.ts';
export { OOB_REDIRECT_URI } from './services/oauth/register-app.ts';
export {
  AuthorizationRedirectError,
  CODE_LIFETIME_MS,
  type AuthorizationParams,
  type AuthorizationRequest,
} from './services/oauth/authorize.ts';
export type { AccessTokenInfo, TokenResult } from './services/oauth/tokens.ts';
export type * from './ports/oauth-repository.ts';
export type * from './ports/stats-repository.ts';
export * from './services/stats/index.ts';
export * from './services/index.ts';
