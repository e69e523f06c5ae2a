import { sql, type Selectable } from 'kysely';
import { ValidationError, type Account, type AccountRepository, type PublicAccount } from '@microposts/core';
import type { Db } from '../connection.ts';
import type { AccountsTable } from '../schema.ts';
import { isUniqueViolation } from './errors.ts';

type AccountRow = Omit<Selectable<AccountsTable>, 'password_hash'> & {
  statuses_count: string;
  followers_count: string;
  following_count: string;
  last_status_at: Date | null;
};

/** The columns of an account anyone may see, counters included (select from `accountsWithStats`). */
export const publicAccountColumns = [
  'accounts.id',
  'accounts.username',
  'accounts.display_name',
  'accounts.bio',
  'accounts.bio_html',
  'accounts.created_at',
  'account_stats.statuses_count',
  'account_stats.followers_count',
  'account_stats.following_count',
  'account_stats.last_status_at',
  'accounts.avatar_key',
  'accounts.header_key',
  'accounts.role',
] as const;

/** Every column of an account but its password hash. */
export const accountColumns = [
  ...publicAccountColumns,
  'accounts.email',
  'accounts.email_confirmed_at',
  'accounts.mention_emails',
  'accounts.suspended_at',
] as const;

/** Accounts joined with their counter row (one primary-key look-up), for every account read. */
export function accountsWithStats(db: Db) {
  return db.selectFrom('accounts').innerJoin('account_stats', 'account_stats.account_id', 'accounts.id');
}

/** Maps a row of publicAccountColumns (or more) to what anyone may see: no e-mail, no flags. */
export function toPublicAccount(
  row: Pick<
    AccountRow,
    | 'id'
    | 'username'
    | 'display_name'
    | 'bio'
    | 'bio_html'
    | 'created_at'
    | 'statuses_count'
    | 'followers_count'
    | 'following_count'
    | 'last_status_at'
    | 'role'
  > &
    Partial<Pick<AccountRow, 'avatar_key' | 'header_key'>>,
): PublicAccount {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    bio: row.bio,
    bioHtml: row.bio_html,
    createdAt: row.created_at,
    statusesCount: Number(row.statuses_count),
    followersCount: Number(row.followers_count),
    followingCount: Number(row.following_count),
    lastStatusAt: row.last_status_at,
    avatarKey: row.avatar_key ?? null,
    headerKey: row.header_key ?? null,
    role: row.role,
  };
}

/** Maps an accounts row to the domain type. */
export function toAccount(row: AccountRow): Account {
  return {
    ...toPublicAccount(row),
    email: row.email,
    emailConfirmedAt: row.email_confirmed_at,
    mentionEmails: row.mention_emails,
    suspendedAt: row.suspended_at,
  };
}

/**
 * The accounts table, the one place that writes it. Usernames and e-mails are unique ignoring case
 * through expression indexes.
 */
export function accountRepository(db: Db): AccountRepository {
  // PostgreSQL text cannot hold a NUL byte, so no stored name matches one; asking would be an error (a 500).
  const unstorable = (value: string) => value.includes('\0');
  const byLower = (column: 'username' | 'email', value: string) =>
    accountsWithStats(db)
      .select(accountColumns)
      .where(sql`lower(${sql.ref(`accounts.${column}`)})`, '=', value.toLowerCase());
  const byId = (id: string) => accountsWithStats(db).select(accountColumns).where('accounts.id', '=', id);
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
          .returning('id')
          .executeTakeFirstOrThrow();
        return toAccount(await byId(row.id).executeTakeFirstOrThrow());
      } catch (error) {
        if (isUniqueViolation(error, 'accounts_username_key'))
          throw new ValidationError({ username: 'Username is already taken.' });
        if (isUniqueViolation(error, 'accounts_email_key'))
          throw new ValidationError({ email: 'E-mail is already registered.' });
        throw error;
      }
    },
    async findById(id) {
      const row = await byId(id).executeTakeFirst();
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
      const row = await byLower(column, login).select('accounts.password_hash').executeTakeFirst();
      return row ? { account: toAccount(row), passwordHash: row.password_hash } : null;
    },
    async findMentionable(usernames) {
      if (usernames.length === 0) return [];
      const rows = await accountsWithStats(db)
        .select(publicAccountColumns)
        .where(
          sql`lower(accounts.username)`,
          'in',
          usernames.map((u) => u.toLowerCase()),
        )
        .where('accounts.suspended_at', 'is', null)
        .execute();
      return rows.map(toPublicAccount);
    },
    async idsByUsername(usernames) {
      const names = usernames.map((u) => u.toLowerCase()).filter((u) => !unstorable(u));
      if (names.length === 0) return new Map();
      const rows = await db
        .selectFrom('accounts')
        .select(['id', sql<string>`lower(username)`.as('name')])
        .where(sql`lower(username)`, 'in', names)
        .execute();
      return new Map(rows.map((r) => [r.name, r.id]));
    },
    async usernameTaken(username) {
      if (unstorable(username)) return false;
      return !!(await byLower('username', username).executeTakeFirst());
    },
    async emailTaken(email) {
      if (unstorable(email)) return false;
      return !!(await byLower('email', email).executeTakeFirst());
    },
    async list({ limit, suspended, maxId }) {
      let query = accountsWithStats(db).select(accountColumns);
      if (suspended === true) query = query.where('accounts.suspended_at', 'is not', null);
      if (suspended === false) query = query.where('accounts.suspended_at', 'is', null);
      if (maxId) query = query.where('accounts.id', '<', maxId);
      const rows = await query.orderBy('accounts.id', 'desc').limit(limit).execute();
      return rows.map(toAccount);
    },
    async updateProfile(id, changes) {
      const set: { display_name?: string; bio?: string; bio_html?: string; mention_emails?: boolean } = {};
      if (changes.displayName !== undefined) set.display_name = changes.displayName;
      if (changes.bio !== undefined) set.bio = changes.bio;
      if (changes.bioHtml !== undefined) set.bio_html = changes.bioHtml;
      if (changes.mentionEmails !== undefined) set.mention_emails = changes.mentionEmails;
      if (Object.keys(set).length > 0)
        await db.updateTable('accounts').set(set).where('id', '=', id).execute();
      return toAccount(await byId(id).executeTakeFirstOrThrow());
    },
    async setPasswordHash(id, passwordHash) {
      await db.updateTable('accounts').set({ password_hash: passwordHash }).where('id', '=', id).execute();
    },
    async confirmEmail(id, email) {
      const result = await db
        .updateTable('accounts')
        .set({ email_confirmed_at: sql`coalesce(email_confirmed_at, now())` })
        .where('id', '=', id)
        .where(sql`lower(email)`, '=', email.toLowerCase())
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },
    async setProfileImage(id, purpose, key) {
      await db
        .updateTable('accounts')
        .set(purpose === 'avatar' ? { avatar_key: key } : { header_key: key })
        .where('id', '=', id)
        .execute();
    },
    async setSuspended(id, suspended) {
      await db
        .updateTable('accounts')
        .set({ suspended_at: suspended ? new Date() : null })
        .where('id', '=', id)
        .execute();
      return toAccount(await byId(id).executeTakeFirstOrThrow());
    },
    async setRole(id, role) {
      await db.updateTable('accounts').set({ role }).where('id', '=', id).execute();
      return toAccount(await byId(id).executeTakeFirstOrThrow());
    },
    async delete(id) {
      await db.deleteFrom('accounts').where('id', '=', id).execute();
    },
  };
}
