// Lists of accounts paged by a relation row (followers, following, favourited by, blocked): one shape for all.
import type { Entry, PageRequest, PublicAccount } from '@microposts/core';
import type { Db } from '../connection.ts';
import { publicAccountColumns, toPublicAccount } from './account-repository.ts';
import { fetchPage } from './pagination.ts';
import { notBlocked } from './visibility-sql.ts';

type Relation =
  | {
      table: 'follows';
      accountColumn: 'account_id' | 'target_account_id';
      key: 'account_id' | 'target_account_id';
    }
  | { table: 'favourites'; accountColumn: 'account_id'; key: 'status_id' }
  // boosts: status rows whose reblog_of_id is the status, paged by the boost's id
  | { table: 'statuses'; accountColumn: 'account_id'; key: 'reblog_of_id' }
  | { table: 'blocks'; accountColumn: 'target_account_id'; key: 'account_id' };

/**
 * The active accounts on one side of a relation whose other side is `value`, newest relation first,
 * paged by the relation row's id (Mastodon's Link-header cursor); for a viewer, without the
 * accounts blocked either way.
 */
export async function accountEntries(
  db: Db,
  relation: Relation,
  value: string,
  page: PageRequest,
  viewerId?: string,
): Promise<Entry<PublicAccount>[]> {
  const { table } = relation;
  const query = db
    .selectFrom(table)
    .innerJoin('accounts', 'accounts.id', `${table}.${relation.accountColumn}` as 'follows.account_id')
    .innerJoin('account_stats', 'account_stats.account_id', 'accounts.id')
    .where(`${table}.${relation.key}` as 'follows.account_id', '=', value)
    .where('accounts.suspended_at', 'is', null)
    .where(notBlocked(viewerId, 'accounts.id'))
    .select([...publicAccountColumns, `${table}.id as entry_id` as 'follows.id as entry_id']);
  const rows = await fetchPage(query, `${table}.id`, page);
  return rows.map((r) => ({ id: r.entry_id, item: toPublicAccount(r) }));
}
