// Binds every service to its dependencies; the composition root calls this once per process.
import type { ServiceDeps } from './deps.ts';
import { sendMentionEmail } from './mail/mention-emails.ts';
import { checkUnsubscribe, unsubscribeMentionEmails } from './mail/unsubscribe.ts';
import { sendConfirmationEmail, sendPasswordResetEmail } from './mail/account-emails.ts';
import { confirmEmail, resendConfirmation } from './accounts/email-confirmation.ts';
import { checkPasswordResetToken, requestPasswordReset, resetPassword } from './accounts/password-reset.ts';
import { countJobs, listJobs, purgeExpired, retryFailedJobs, retryJobs } from './jobs/jobs.ts';
import type { JobState } from '../ports/job-repository.ts';
import { authenticate, type AuthenticateInput } from './accounts/authenticate.ts';
import { findActiveAccount, getAccountById, getAccountByUsername } from './accounts/get-account.ts';
import { register, type RegisterInput } from './accounts/register.ts';
import { createStatus, type CreateStatusInput } from './statuses/create-status.ts';
import { deleteStatus } from './statuses/delete-status.ts';
import { getStatus } from './statuses/get-status.ts';
import { accountTimeline, publicTimeline } from './timelines/timelines.ts';
import type { PageRequest } from '../types.ts';
import { follow, unfollow, type FollowInput } from './follows/follow.ts';
import { accountCounts, followers, following, profile, relationships } from './follows/follow-lists.ts';
import {
  favourite,
  favouritedBy,
  listFavourites,
  unfavourite,
  type FavouriteInput,
} from './favourites/favourite.ts';
import {
  clearNotifications,
  dismissNotification,
  getNotification,
  listNotifications,
  markNotificationsRead,
  unreadNotificationCount,
  type ListNotificationsInput,
} from './notifications/notifications.ts';
import { getStatusContext } from './statuses/get-context.ts';
import { createStatusOnce } from './statuses/create-status-once.ts';
import { editStatus, type EditStatusInput } from './statuses/edit-status.ts';
import { siteUsage } from './instance/usage.ts';
import { registerViaApp, type RegisterViaAppInput } from './accounts/register-via-app.ts';
import { homeTimeline } from './timelines/home-timeline.ts';
import { statsServices } from './stats/index.ts';

import { tagTimeline } from './tags/tag-timeline.ts';
import { search, type SearchInput } from './search/search.ts';
import { updateProfile, type UpdateProfileInput } from './settings/update-profile.ts';
import { changePassword, type ChangePasswordInput } from './settings/change-password.ts';
import { deleteAccount } from './settings/delete-account.ts';
import { listAccounts, suspendAccount, unsuspendAccount } from './admin/moderation.ts';
import type { AccountListRequest } from '../ports/search-repositories.ts';
import { registerApp, type RegisterAppInput } from './oauth/register-app.ts';
import {
  issueCode,
  validateAuthorizationRequest,
  type AuthorizationParams,
  type AuthorizationRequest,
} from './oauth/authorize.ts';
import {
  clientCredentials,
  exchangeCode,
  revokeToken,
  verifyAccessToken,
  type ClientCredentialsInput,
  type ExchangeCodeInput,
  type RevokeInput,
} from './oauth/tokens.ts';
import { getApp, listAuthorizedApps, revokeAuthorization } from './oauth/authorized-apps.ts';

/** Builds the service object that routes, tasks and the CLI call. */
export function createServices(deps: ServiceDeps) {
  return {
    deps,
    accounts: {
      register: (input: RegisterInput) => register(deps, input),
      /** Client API registration (POST /api/v1/accounts): the account and a token for the app. */
      registerViaApp: (input: RegisterViaAppInput) => registerViaApp(deps, input),
      authenticate: (input: AuthenticateInput) => authenticate(deps, input),
      getByUsername: (username: string) => getAccountByUsername(deps, username),
      getById: (id: string) => getAccountById(deps, id),
      /** The account behind a session or token, or null when it is gone or suspended. */
      findActive: (id: string) => findActiveAccount(deps, id),
    },
    /** Website session storage; the web edge hashes ids before they get here. */
    sessions: deps.uow.sessions,
    statuses: {
      create: (input: CreateStatusInput) => createStatus(deps, input),
      delete: (input: { actorId: string; statusId: string }) => deleteStatus(deps, input),
      get: (id: string, viewerId?: string) => getStatus(deps, id, viewerId),
      /** The status with its ancestors and replies (Mastodon's context). */
      context: (input: { statusId: string; viewerId?: string | undefined }) => getStatusContext(deps, input),
      /** Create with an Idempotency-Key (client API): a repeated key returns the first status. */
      createOnce: (input: CreateStatusInput & { idempotencyKey?: string | undefined }) =>
        createStatusOnce(deps, input),
      /** Replaces the text of the actor's own status (client API PUT). */
      edit: (input: EditStatusInput) => editStatus(deps, input),
    },
    follows: {
      follow: (input: FollowInput) => follow(deps, input),
      unfollow: (input: FollowInput) => unfollow(deps, input),
      followers: (input: { accountId: string; page: PageRequest }) => followers(deps, input),
      following: (input: { accountId: string; page: PageRequest }) => following(deps, input),
      relationships: (input: { actorId: string; targetIds: string[] }) => relationships(deps, input),
      /** Status, follower and following counts by account id (batch, for API account entities). */
      counts: (accountIds: string[]) => accountCounts(deps, accountIds),
      /** An active account by username with its counts. */
      profile: (username: string) => profile(deps, username),
    },
    favourites: {
      favourite: (input: FavouriteInput) => favourite(deps, input),
      unfavourite: (input: FavouriteInput) => unfavourite(deps, input),
      favouritedBy: (input: { statusId: string; page: PageRequest }) => favouritedBy(deps, input),
      /** The actor's own favourites (GET /api/v1/favourites). */
      list: (input: { actorId: string; page: PageRequest }) => listFavourites(deps, input),
    },
    notifications: {
      list: (input: ListNotificationsInput) => listNotifications(deps, input),
      get: (input: { actorId: string; id: string }) => getNotification(deps, input),
      dismiss: (input: { actorId: string; id: string }) => dismissNotification(deps, input),
      clear: (input: { actorId: string }) => clearNotifications(deps, input),
      markRead: (input: { actorId: string; upToId?: string | undefined }) =>
        markNotificationsRead(deps, input),
      unreadCount: (actorId: string) => unreadNotificationCount(deps, actorId),
    },
    timelines: {
      public: (page: PageRequest, viewerId?: string) => publicTimeline(deps, page, viewerId),
      account: (username: string, page: PageRequest, viewerId?: string) =>
        accountTimeline(deps, username, page, viewerId),
      home: (input: { actorId: string; page: PageRequest }) => homeTimeline(deps, input),
    },
    stats: statsServices(deps),
    tags: {
      /** A hashtag's public statuses, newest first (website /tags/:tag, API timelines/tag/:hashtag). */
      timeline: (tag: string, page: PageRequest, viewerId?: string) => tagTimeline(deps, tag, page, viewerId),
    },
    instance: {
      /** Site-wide counters (instance and NodeInfo documents), cached for a minute. */
      usage: () => siteUsage(deps),
    },
    search: {
      /** Accounts, hashtags and statuses matching q (website /search, API v2 search). */
      search: (input: SearchInput) => search(deps, input),
    },
    settings: {
      /** Display name, bio, mention e-mails; each only when given (also API update_credentials). */
      updateProfile: (input: UpdateProfileInput) => updateProfile(deps, input),
      changePassword: (input: ChangePasswordInput) => changePassword(deps, input),
      deleteAccount: (input: { actorId: string; password: string }) => deleteAccount(deps, input),
    },
    /** Sending e-mails (worker tasks) and the signed unsubscribe link. */
    mail: {
      sendMentionEmail: (input: { statusId: string; accountId: string }) => sendMentionEmail(deps, input),
      sendConfirmationEmail: (input: { tokenId: string }) => sendConfirmationEmail(deps, input),
      sendPasswordResetEmail: (input: { tokenId: string }) => sendPasswordResetEmail(deps, input),
      checkUnsubscribe: (input: { accountId: string; signature: string }) => checkUnsubscribe(deps, input),
      unsubscribe: (input: { accountId: string; signature: string }) => unsubscribeMentionEmails(deps, input),
    },
    /** Address confirmation and password reset by e-mailed link. */
    accountEmails: {
      resendConfirmation: (input: { actorId: string }) => resendConfirmation(deps, input),
      confirm: (input: { token: string }) => confirmEmail(deps, input),
      requestPasswordReset: (input: { email: string }) => requestPasswordReset(deps, input),
      checkPasswordResetToken: (input: { token: string }) => checkPasswordResetToken(deps, input),
      resetPassword: (input: { token: string; password: string }) => resetPassword(deps, input),
    },
    /** The operator's view of the job queue. */
    jobs: {
      list: (input: { state?: JobState; limit?: number } = {}) => listJobs(deps, input),
      counts: () => countJobs(deps),
      retry: (input: { ids: string[] }) => retryJobs(deps, input),
      retryFailed: () => retryFailedJobs(deps),
    },
    housekeeping: {
      purgeExpired: () => purgeExpired(deps),
    },
    admin: {
      suspend: (username: string) => suspendAccount(deps, username),
      unsuspend: (username: string) => unsuspendAccount(deps, username),
      list: (request: AccountListRequest) => listAccounts(deps, request),
    },
    /** The OAuth 2 authorization server (docs/api.md, "Authentication (for developers)"). */
    oauth: {
      registerApp: (input: RegisterAppInput) => registerApp(deps, input),
      getApp: (id: string) => getApp(deps, id),
      validateAuthorization: (params: AuthorizationParams) => validateAuthorizationRequest(deps, params),
      authorize: (input: { accountId: string; request: AuthorizationRequest; now?: Date }) =>
        issueCode(deps, input),
      exchangeCode: (input: ExchangeCodeInput) => exchangeCode(deps, input),
      clientCredentials: (input: ClientCredentialsInput) => clientCredentials(deps, input),
      revoke: (input: RevokeInput) => revokeToken(deps, input),
      verifyAccessToken: (token: string) => verifyAccessToken(deps, token),
      listAuthorizedApps: (accountId: string) => listAuthorizedApps(deps, accountId),
      revokeAuthorization: (input: { accountId: string; appId: string }) => revokeAuthorization(deps, input),
    },
  };
}

export type Services = ReturnType<typeof createServices>;
export type { ServiceDeps };
export { statusTagNames, storeStatusTags } from './tags/store-tags.ts';
export { SEARCH_LIMIT_DEFAULT, SEARCH_LIMIT_MAX, type SearchInput } from './search/search.ts';
export type { UpdateProfileInput } from './settings/update-profile.ts';
export { WRONG_CURRENT_PASSWORD } from './settings/change-password.ts';
export { WRONG_PASSWORD } from './settings/delete-account.ts';
