import { ValidationError } from '../../errors.ts';
import type { Account } from '../../types/accounts.ts';
import type { ServiceDeps } from '../deps.ts';
import { hashSecret, randomSecret } from '../oauth/secrets.ts';
import type { TokenResult } from '../oauth/tokens.ts';
import { register, type RegisterInput } from './register.ts';

export interface RegisterViaAppInput extends RegisterInput {
  /** The app whose app-only token made the request; the new token is issued to it. */
  appId: string;
  /** The scopes of that token, which the new user token gets. */
  scopes: string[];
  /** The person accepted the server's terms (Mastodon requires it). */
  agreement: boolean;
}

/**
 * Mastodon's POST /api/v1/accounts: creates an account (as sign-up does, confirmation e-mail
 * included) and a user token for the registering app, in one transaction, so a failure leaves
 * neither behind.
 */
export async function registerViaApp(
  deps: ServiceDeps,
  input: RegisterViaAppInput,
): Promise<{ account: Account; token: TokenResult }> {
  if (!input.agreement) throw new ValidationError({ agreement: 'Agreement must be accepted.' });
  return deps.uow.transaction(async (tx) => {
    const account = await register({ ...deps, uow: tx }, input);
    const accessToken = randomSecret();
    const token = await tx.oauth.createToken({
      tokenHash: hashSecret(accessToken),
      appId: input.appId,
      accountId: account.id,
      scopes: input.scopes,
    });
    return {
      account,
      token: { accessToken, tokenType: 'Bearer', scopes: token.scopes, createdAt: token.createdAt },
    };
  });
}
