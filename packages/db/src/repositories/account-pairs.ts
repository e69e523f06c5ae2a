// Writes of a table of (account, target account) pairs — follows, blocks — which differ only in
// their table: adding is idempotent (an unknown account is not_found), removing says whether it was there.
import { DomainError } from '@microposts/core';
import type { Db } from '../connection.ts';
import { referring } from './errors.ts';

export function accountPairWrites(db: Db, table: 'follows' | 'blocks') {
  return {
    async create(accountId: string, targetAccountId: string): Promise<{ created: boolean }> {
      const row = await referring(
        db
          .insertInto(table)
          .values({ account_id: accountId, target_account_id: targetAccountId })
          .onConflict((oc) => oc.columns(['account_id', 'target_account_id']).doNothing())
          .returning('id')
          .executeTakeFirst(),
        () => new DomainError('not_found'),
      );
      return { created: !!row };
    },
    async delete(accountId: string, targetAccountId: string): Promise<boolean> {
      const r = await db
        .deleteFrom(table)
        .where('account_id', '=', accountId)
        .where('target_account_id', '=', targetAccountId)
        .executeTakeFirst();
      return r.numDeletedRows > 0n;
    },
  };
}
