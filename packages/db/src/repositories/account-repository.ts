import { sql } from 'kysely';
import { ValidationError, type Account, type AccountRepository, type PublicAccount } from '@microposts/core';
import type { Db } from '../connection.ts';
import { isUniqueViolation } from './errors.ts';

interface AccountRow {
  id: string;
  username: string;
  email: string;
  display_name: string;
  bio: string;
  bio_html: string;
  email_confirmed_at: Date | null;
  mention_emails: boolean;
  suspended_at: Date | null;
  created_at: Date;
}

export const accountColumns = [
  'accounts.id',
  'accounts.username',
  'accounts.email',
  'accounts.display_name',
  'accounts.bio',
  'accounts.bio_html',
  'accounts.email_confirmed_at',
  'accounts.mention_emails',
  'accounts.suspended_at',
  'accounts.created_at',
] as const;

/** Maps an accounts row to the domain type. */
export function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    username: row.username,
    email: row.email,
    displayName: row.display_name,
    bio: row.bio,
    bioHtml: row.bio_html,
    createdAt: row.created_at,
    emailConfirmedAt: row.email_confirmed_at,
    mentionEmails: row.mention_emails,
    suspendedAt: row.suspended_at,
  };
}

/** Accounts in PostgreSQL; usernames and e-mails are unique ignoring case through expression indexes. */
export function accountRepository(db: Db): AccountRepository {
  // PostgreSQL text cannot hold a NUL byte, so no stored name matches one; asking would be an error (a 500).
  const unstorable = (value: string) => value.includes('\0');
  const byLower = (column: 'username' | 'email', value: string) =>
    db
      .selectFrom('accounts')
      .select(accountColumns)
      .where(sql`lower(${sql.ref(column)})`, '=', value.toLowerCase());
  return {
    async create(input) {
      try {
        const row = await db
          .insertInto('accounts')
          .values({
            username: input.username,
            email: input.email,
            password_hash: input.passwordHash,
            display_name: input.displayName ?? '',
            email_confirmed_at: null,
            suspended_at: null,
          })
          .returning(accountColumns)
          .executeTakeFirstOrThrow();
        return toAccount(row);
      } catch (error) {
        if (isUniqueViolation(error, 'accounts_username_key'))
          throw new ValidationError({ username: 'Username is already taken.' });
        if (isUniqueViolation(error, 'accounts_email_key'))
          throw new ValidationError({ email: 'E-mail is already registered.' });
        throw error;
      }
    },
    async findById(id) {
      const row = await db
        .selectFrom('accounts')
        .select(accountColumns)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toAccount(row) : null;
    },
    async findByUsername(username) {
      if (unstorable(username)) return null;
      const row = await byLower('username', username).executeTakeFirst();
      return row ? toAccount(row) : null;
    },
    async findCredentials(login) {
      if (unstorable(login)) return null;
      const column = login.includes('@') ? 'email' : 'username';
      const row = await byLower(column, login).select('password_hash').executeTakeFirst();
      return row ? { account: toAccount(row), passwordHash: row.password_hash } : null;
    },
    async findMentionable(usernames): Promise<PublicAccount[]> {
      if (usernames.length === 0) return [];
      const rows = await db
        .selectFrom('accounts')
        .select(accountColumns)
        .where(
          sql`lower(username)`,
          'in',
          usernames.map((u) => u.toLowerCase()),
        )
        .where('suspended_at', 'is', null)
        .execute();
      return rows.map(toAccount);
    },
    async usernameTaken(username) {
      if (unstorable(username)) return false;
      return !!(await byLower('username', username).executeTakeFirst());
    },
    async emailTaken(email) {
      if (unstorable(email)) return false;
      return !!(await byLower('email', email).executeTakeFirst());
    },
  };
}
