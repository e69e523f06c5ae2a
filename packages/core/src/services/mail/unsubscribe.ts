import { DomainError } from '../../errors.ts';
import { validUnsubscribe } from '../../mail/links.ts';
import { isId } from '../../ids.ts';
import type { Account } from '../../types/accounts.ts';
import type { ServiceDeps } from '../deps.ts';

export const INVALID_UNSUBSCRIBE = 'This unsubscribe link is not valid.';

/** The account an unsubscribe link is for, if its signature is right; refused otherwise. */
export async function checkUnsubscribe(
  deps: ServiceDeps,
  input: { accountId: string; signature: string },
): Promise<Account> {
  const ok = isId(input.accountId) && validUnsubscribe(deps.secretKey, input.accountId, input.signature);
  const account = ok ? await deps.uow.accounts.findById(input.accountId) : null;
  if (!account) throw new DomainError('invalid_signature', INVALID_UNSUBSCRIBE);
  return account;
}

/** Turns mention e-mails off for the account of a signed link (RFC 8058 one-click, or the page's button). */
export async function unsubscribeMentionEmails(
  deps: ServiceDeps,
  input: { accountId: string; signature: string },
): Promise<Account> {
  const account = await checkUnsubscribe(deps, input);
  await deps.uow.transaction((tx) => tx.accounts.updateProfile(account.id, { mentionEmails: false }));
  return { ...account, mentionEmails: false };
}
