import { DomainError } from '../../errors.ts';
import { isId } from '../../ids.ts';
import type { AuthorizedApp, OAuthApp } from '../../types/oauth.ts';
import type { ServiceDeps } from '../deps.ts';

/** The apps a person has authorized and not revoked (settings). */
export function listAuthorizedApps(deps: ServiceDeps, accountId: string): Promise<AuthorizedApp[]> {
  return deps.uow.oauth.listAuthorizedApps(accountId);
}

/** Revokes every token a person gave one app; NotFoundError when there was none to revoke. */
export async function revokeAuthorization(
  deps: ServiceDeps,
  input: { accountId: string; appId: string },
): Promise<void> {
  if (!isId(input.appId)) throw new DomainError('not_found');
  const n = await deps.uow.transaction((tx) =>
    tx.oauth.revokeAppForAccount(input.accountId, input.appId, new Date()),
  );
  if (n === 0) throw new DomainError('not_found');
}

/** An app by id (for GET /api/v1/apps/verify_credentials). */
export async function getApp(deps: ServiceDeps, id: string): Promise<OAuthApp> {
  const app = await deps.uow.oauth.findAppById(id);
  if (!app) throw new DomainError('not_found');
  return app;
}
