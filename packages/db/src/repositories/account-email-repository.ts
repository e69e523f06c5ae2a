import { sql } from 'kysely';
import type { AccountEmailRepository, AccountToken } from '@microposts/core';
import type { Db } from '../connection.ts';

const columns = ['id', 'account_id', 'purpose', 'email', 'expires_at', 'used_at'] as const;

function toToken(row: {
  id: string;
  account_id: string;
  purpose: AccountToken['purpose'];
  email: string;
  expires_at: Date;
  used_at: Date | null;
}): AccountToken {
  return {
    id: row.id,
    accountId: row.account_id,
    purpose: row.purpose,
    email: row.email,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
  };
}

/** E-mailed tokens (stored as hashes), the account changes they authorise, and e-mail checks. */
export function accountEmailRepository(db: Db): AccountEmailRepository {
  return {
    async createToken(input) {
      await db
        .insertInto('account_tokens')
        .values({
          id: input.id,
          account_id: input.accountId,
          purpose: input.purpose,
          email: input.email,
          token_hash: input.tokenHash,
          expires_at: input.expiresAt,
          used_at: null,
        })
        .execute();
    },
    async findTokenById(id) {
      const row = await db
        .selectFrom('account_tokens')
        .select(columns)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toToken(row) : null;
    },
    async findTokenByHash(tokenHash) {
      const row = await db
        .selectFrom('account_tokens')
        .select(columns)
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row ? toToken(row) : null;
    },
    async markTokenUsed(id) {
      const result = await db
        .updateTable('account_tokens')
        .set({ used_at: sql`now()` })
        .where('id', '=', id)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },
    async invalidateTokens(accountId, purpose) {
      await db
        .updateTable('account_tokens')
        .set({ used_at: sql`now()` })
        .where('account_id', '=', accountId)
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null)
        .execute();
    },
    async confirmEmail(accountId, email) {
      const result = await db
        .updateTable('accounts')
        .set({ email_confirmed_at: sql`coalesce(email_confirmed_at, now())` })
        .where('id', '=', accountId)
        .where(sql`lower(email)`, '=', email.toLowerCase())
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },
    async setPasswordHash(accountId, passwordHash) {
      await db
        .updateTable('accounts')
        .set({ password_hash: passwordHash })
        .where('id', '=', accountId)
        .execute();
    },
    async setMentionEmails(accountId, on) {
      await db.updateTable('accounts').set({ mention_emails: on }).where('id', '=', accountId).execute();
    },
    async mentionNotificationRead(statusId, accountId) {
      const { rows } = await sql<{ read: boolean }>`
        SELECT EXISTS (
          SELECT 1 FROM notifications
          WHERE account_id = ${accountId} AND status_id = ${statusId} AND type = 'mention' AND read_at IS NOT NULL
        ) AS read`.execute(db);
      return rows[0]?.read ?? false;
    },
    async purgeExpired(now) {
      const sessions = await sql`DELETE FROM sessions WHERE expires_at < ${now}`.execute(db);
      const tokens = await sql`DELETE FROM account_tokens WHERE expires_at < ${now}`.execute(db);
      const codes = await sql`DELETE FROM oauth_codes WHERE expires_at < ${now}`.execute(db);
      const n = (r: { numAffectedRows?: bigint }) => Number(r.numAffectedRows ?? 0n);
      return { sessions: n(sessions), tokens: n(tokens), oauthCodes: n(codes) };
    },
  };
}
