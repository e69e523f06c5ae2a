// Links that go into e-mails. Each is signed or random, and works without logging in.
import { hashToken, sign, verifySignature } from '../security/signing.ts';

const UNSUBSCRIBE = 'unsubscribe-mention-emails';
const ACCOUNT_TOKEN = 'account-token';

/** The one-click unsubscribe URL of an account (mention e-mails), signed with the secret key. */
export function unsubscribeUrl(baseUrl: string, secret: string, accountId: string): string {
  const params = new URLSearchParams({ account: accountId, sig: sign(secret, UNSUBSCRIBE, accountId) });
  return `${baseUrl}/unsubscribe?${params}`;
}

/** True when sig is the unsubscribe signature of this account id. */
export function validUnsubscribe(secret: string, accountId: string, sig: string): boolean {
  return verifySignature(secret, UNSUBSCRIBE, accountId, sig);
}

/** The token e-mailed for an account_tokens row: derived from its id, so a resend carries the same link. */
export function accountToken(secret: string, tokenId: string): string {
  return sign(secret, ACCOUNT_TOKEN, tokenId);
}

/** What account_tokens stores for a token. */
export function accountTokenHash(secret: string, tokenId: string): string {
  return hashToken(accountToken(secret, tokenId));
}

/** A Message-ID that is the same every time this logical message is sent. */
export function messageId(baseUrl: string, kind: string, ...parts: string[]): string {
  return `<${kind}.${parts.join('.')}@${new URL(baseUrl).hostname}>`;
}
