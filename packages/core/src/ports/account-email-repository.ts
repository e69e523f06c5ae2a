// What the e-mail features need from storage: e-mailed tokens (stored as hashes), the account
// changes they authorise, the mention e-mail checks, and housekeeping.

export type AccountTokenPurpose = 'confirm_email' | 'password_reset';

export interface AccountToken {
  id: string;
  accountId: string;
  purpose: AccountTokenPurpose;
  /** The address the token was sent to. */
  email: string;
  expiresAt: Date;
  usedAt: Date | null;
}

export interface AccountEmailRepository {
  createToken(input: Omit<AccountToken, 'usedAt'> & { tokenHash: string }): Promise<void>;
  findTokenById(id: string): Promise<AccountToken | null>;
  findTokenByHash(tokenHash: string): Promise<AccountToken | null>;
  /** Marks a token used; false when it was already used (a concurrent use lost the race). */
  markTokenUsed(id: string): Promise<boolean>;
  /** Marks every unused token of an account and purpose used (after a password reset, say). */
  invalidateTokens(accountId: string, purpose: AccountTokenPurpose): Promise<void>;
  /** Confirms an account's address if it is still the one the token was sent to. */
  confirmEmail(accountId: string, email: string): Promise<boolean>;
  setPasswordHash(accountId: string, passwordHash: string): Promise<void>;
  setMentionEmails(accountId: string, on: boolean): Promise<void>;
  /** True when the recipient already read the mention notification of this status. */
  mentionNotificationRead(statusId: string, accountId: string): Promise<boolean>;
  /** Deletes expired sessions, e-mail tokens and OAuth codes; returns how many of each. */
  purgeExpired(now: Date): Promise<{ sessions: number; tokens: number; oauthCodes: number }>;
}
