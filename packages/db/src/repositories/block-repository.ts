import { type BlockRepository } from '@microposts/core';
import type { Db } from '../connection.ts';
import { noCache, type ReadCache } from '../cache/read-cache.ts';
import { accountEntries } from './account-entries.ts';
import { accountPairWrites } from './account-pairs.ts';
import { viewerRelations } from './viewer-relations.ts';

/**
 * Blocks in PostgreSQL; the list pages by the block row's id, as Mastodon's Link headers do. With a
 * read cache (outside transactions), between() answers from the account's cached relations
 * (b:<account>, both directions, announced when a block on either side changes): a status's
 * mentions need no query of their own.
 */
export function blockRepository(db: Db, cache: ReadCache = noCache): BlockRepository {
  return {
    ...accountPairWrites(db, 'blocks'),
    list: (accountId, page) =>
      accountEntries(
        db,
        { table: 'blocks', accountColumn: 'target_account_id', key: 'account_id' },
        accountId,
        page,
      ),
    async between(accountId, otherIds) {
      const blocking = new Set<string>();
      const blockedBy = new Set<string>();
      if (otherIds.length === 0) return { blocking, blockedBy };
      if (cache !== noCache) {
        const relations = await viewerRelations(db, cache, accountId);
        for (const id of otherIds) {
          if (relations.blocking.has(id)) blocking.add(id);
          if (relations.blockedBy.has(id)) blockedBy.add(id);
        }
        return { blocking, blockedBy };
      }
      const rows = await db
        .selectFrom('blocks')
        .select(['account_id', 'target_account_id'])
        .where((eb) =>
          eb.or([
            eb.and([eb('account_id', '=', accountId), eb('target_account_id', 'in', otherIds)]),
            eb.and([eb('target_account_id', '=', accountId), eb('account_id', 'in', otherIds)]),
          ]),
        )
        .execute();
      for (const r of rows)
        if (r.account_id === accountId) blocking.add(r.target_account_id);
        else blockedBy.add(r.account_id);
      return { blocking, blockedBy };
    },
  };
}
