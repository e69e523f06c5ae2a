import { throwIfInvalid } from '../../errors.ts';
import { emailError, passwordError, usernameError } from '../../rules/account-rules.ts';
import { hashPassword } from '../../security/password.ts';
import type { Account } from '../../types.ts';
import type { ServiceDeps } from '../deps.ts';

export interface RegisterInput {
  username: string;
  email: string;
  password: string;
}

/** Creates an account after checking every field; a taken username or e-mail is a field error. */
export async function register(deps: ServiceDeps, input: RegisterInput): Promise<Account> {
  const username = input.username.trim();
  const email = input.email.trim();
  throwIfInvalid({
    username: usernameError(username),
    email: emailError(email),
    password: passwordError(input.password),
  });
  const [usernameTaken, emailTaken] = await Promise.all([
    deps.uow.accounts.usernameTaken(username),
    deps.uow.accounts.emailTaken(email),
  ]);
  throwIfInvalid({
    username: usernameTaken ? 'Username is already taken.' : undefined,
    email: emailTaken ? 'E-mail is already registered.' : undefined,
  });
  const passwordHash = await hashPassword(input.password);
  // The unique indexes still decide a race between two sign-ups; the repository reports it as a field error.
  return deps.uow.transaction((tx) => tx.accounts.create({ username, email, passwordHash }));
}
