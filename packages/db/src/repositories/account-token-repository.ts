import { sql, type Selectable } from 'kysely';
import type { AccountToken, AccountTokenRepository } from '@microposts/core';
import type { Db } from '../connection.ts';
import type { AccountTokensTable } from '../schema.ts';

const columns = ['id', 'account_id', 'purpose', 'email', 'expires_at', 'used_at'] as const;

function toToken(row: Pick<Selectable<AccountTokensTable>, (typeof columns)[number]>): AccountToken {
  return {
    id: row.id,
    accountId: row.account_id,
    purpose: row.purpose,
    email: row.email,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
  };
}

/** E-mailed single-use tokens (account_tokens); only their hashes are stored. */
export function accountTokenRepository(db: Db): AccountTokenRepository {
  const find = (column: 'id' | 'token_hash', value: string) =>
    db.selectFrom('account_tokens').select(columns).where(column, '=', value).executeTakeFirst();
  return {
    async create(input) {
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
    async findById(id) {
      const row = await find('id', id);
      return row ? toToken(row) : null;
    },
    async findByHash(tokenHash) {
      const row = await find('token_hash', tokenHash);
      return row ? toToken(row) : null;
    },
    async markUsed(id) {
      const result = await db
        .updateTable('account_tokens')
        .set({ used_at: sql`now()` })
        .where('id', '=', id)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },
    async invalidate(accountId, purpose) {
      await db
        .updateTable('account_tokens')
        .set({ used_at: sql`now()` })
        .where('account_id', '=', accountId)
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null)
        .execute();
    },
    async purgeExpired(now) {
      const r = await db.deleteFrom('account_tokens').where('expires_at', '<', now).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
