import { throwIfInvalid } from '../../errors.ts';
import { emailError, passwordError, usernameError } from '../../rules/account-rules.ts';
import { hashPassword } from '../../security/password.ts';
import type { Account } from '../../types/accounts.ts';
import type { ServiceDeps } from '../deps.ts';
import { issueAccountToken } from '../account-emails/account-tokens.ts';

export interface RegisterInput {
  username: string;
  email: string;
  password: string;
}

/** Creates an account after checking every field; a taken username or e-mail is a field error. */
export async function register(deps: ServiceDeps, input: RegisterInput): Promise<Account> {
  const username = input.username.trim();
  const email = input.email.trim();
  const errors = {
    username: usernameError(username),
    email: emailError(email),
    password: passwordError(input.password),
  };
  // Well-formed names are checked for being taken even when another field is wrong, so that every
  // problem shows at once instead of one more after each correction.
  const [usernameTaken, emailTaken] = await Promise.all([
    !errors.username && deps.uow.accounts.usernameTaken(username),
    !errors.email && deps.uow.accounts.emailTaken(email),
  ]);
  throwIfInvalid({
    username: errors.username ?? (usernameTaken ? 'Username is already taken.' : undefined),
    email: errors.email ?? (emailTaken ? 'E-mail is already registered.' : undefined),
    password: errors.password,
  });
  const passwordHash = await hashPassword(input.password);
  // The unique indexes still decide a race between two sign-ups; the repository reports it as a field error.
  return deps.uow.transaction(async (tx) => {
    const account = await tx.accounts.create({ username, email, passwordHash });
    // The confirmation e-mail goes out through the job queue, committed with the account.
    await issueAccountToken(deps, tx, account, 'confirm_email');
    return account;
  });
}
