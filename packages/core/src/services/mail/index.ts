// Sending e-mails (the worker's tasks) and the signed unsubscribe link.
import type { ServiceDeps } from '../deps.ts';
import { sendConfirmationEmail, sendPasswordResetEmail } from './account-emails.ts';
import { sendMentionEmail } from './mention-emails.ts';
import { checkUnsubscribe, unsubscribeMentionEmails } from './unsubscribe.ts';

export function mailServices(deps: ServiceDeps) {
  return {
    sendMentionEmail: (input: { statusId: string; accountId: string }) => sendMentionEmail(deps, input),
    sendConfirmationEmail: (input: { tokenId: string }) => sendConfirmationEmail(deps, input),
    sendPasswordResetEmail: (input: { tokenId: string }) => sendPasswordResetEmail(deps, input),
    checkUnsubscribe: (input: { accountId: string; signature: string }) => checkUnsubscribe(deps, input),
    unsubscribe: (input: { accountId: string; signature: string }) => unsubscribeMentionEmails(deps, input),
  };
}
