// The domain: types, rules, text, errors, ports and the services that use them. No HTTP, no SQL.
export * from './errors.ts';
export * from './ids.ts';
export * from './pagination.ts';
export * from './urls.ts';
export type * from './types/common.ts';
export type * from './types/accounts.ts';
export type * from './types/statuses.ts';
export * from './types/notifications.ts';
export type * from './types/search.ts';
export type * from './types/oauth.ts';
export type * from './types/jobs.ts';
export * from './types/stats.ts';
export type * from './types/media.ts';
export * from './rules/account-rules.ts';
export * from './rules/reply-rules.ts';
export * from './rules/scopes.ts';
export * from './rules/search-rules.ts';
export * from './rules/status-rules.ts';
export * from './rules/media-rules.ts';
export * from './text/escape.ts';
export * from './text/render.ts';
export * from './text/tokenize.ts';
export * from './security/password.ts';
export * from './jobs/payloads.ts';
export type * from './ports/accounts.ts';
export type * from './ports/statuses.ts';
export type * from './ports/timelines.ts';
export type * from './ports/follows.ts';
export type * from './ports/favourites.ts';
export type * from './ports/notifications.ts';
export type * from './ports/search.ts';
export type * from './ports/sessions.ts';
export type * from './ports/oauth.ts';
export type * from './ports/jobs.ts';
export type * from './ports/stats.ts';
export type * from './ports/rate-limits.ts';
export type * from './ports/mailer.ts';
export * from './ports/media.ts';
export type * from './ports/unit-of-work.ts';
export * from './services/oauth/oauth-error.ts';
export { OOB_REDIRECT_URI } from './services/oauth/register-app.ts';
export {
  AuthorizationRedirectError,
  CODE_LIFETIME_MS,
  type AuthorizationParams,
  type AuthorizationRequest,
} from './services/oauth/authorize.ts';
export type { AccessTokenInfo, TokenResult } from './services/oauth/tokens.ts';
export * from './services/stats/index.ts';
export { statusTagNames } from './services/statuses/compose.ts';
export { SEARCH_LIMIT_DEFAULT, SEARCH_LIMIT_MAX, type SearchInput } from './services/search/search.ts';
export type { UpdateProfileInput } from './services/settings/update-profile.ts';
export { WRONG_CURRENT_PASSWORD } from './services/settings/change-password.ts';
export { WRONG_PASSWORD } from './services/settings/delete-account.ts';
export type { UploadItem } from './services/media/check-upload.ts';
export { MEDIA_PROCESSING, TOO_MANY_MEDIA } from './services/media/status-media.ts';
export { STORE_FAILED } from './services/media/process-media.ts';
export { createServices, type Services, type ServiceDeps } from './services/index.ts';
