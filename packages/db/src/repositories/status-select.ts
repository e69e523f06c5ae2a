// The one select every status read goes through, so suspended authors stay hidden everywhere and
// every status carries the same fields.
import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Status } from '@microposts/core';
import type { Db } from '../connection.ts';
import { toPublicAccount } from './account-repository.ts';

/**
 * The status, its author (if not suspended), its mentions, its reply and favourite counters, and
 * whether viewerId favourited it.
 */
export function selectStatuses(db: Db, viewerId?: string) {
  return db
    .selectFrom('statuses')
    .innerJoin('accounts', 'accounts.id', 'statuses.account_id')
    .innerJoin('account_stats', 'account_stats.account_id', 'accounts.id')
    .innerJoin('status_stats', 'status_stats.status_id', 'statuses.id')
    .where('accounts.suspended_at', 'is', null)
    .select((eb) => [
      'statuses.id',
      'statuses.text',
      'statuses.html',
      'statuses.visibility',
      'statuses.in_reply_to_id',
      'statuses.in_reply_to_account_id',
      'statuses.created_at',
      'statuses.edited_at',
      'accounts.id as account_id',
      'accounts.username',
      'accounts.display_name',
      'accounts.bio',
      'accounts.bio_html',
      'accounts.created_at as account_created_at',
      'account_stats.statuses_count',
      'account_stats.followers_count',
      'account_stats.following_count',
      'account_stats.last_status_at',
      jsonArrayFrom(
        eb
          .selectFrom('mentions')
          .innerJoin('accounts as ma', 'ma.id', 'mentions.account_id')
          // ::text, because JSON would turn the bigint id into a number and lose its last digits.
          .select([sql<string>`ma.id::text`.as('accountId'), 'ma.username'])
          .whereRef('mentions.status_id', '=', 'statuses.id')
          .orderBy('ma.username'),
      ).as('mentions'),
      // counters kept by triggers (migration 0008), never counted here
      'status_stats.replies_count',
      'status_stats.favourites_count',
      (viewerId
        ? sql<boolean>`exists (select 1 from favourites vf where vf.status_id = statuses.id and vf.account_id = ${viewerId})`
        : sql<boolean>`false`
      ).as('favourited'),
    ]);
}

type StatusRow = Awaited<ReturnType<ReturnType<typeof selectStatuses>['executeTakeFirstOrThrow']>>;

/** Maps a row of selectStatuses to the domain type. */
export function toStatus(row: StatusRow): Status {
  return {
    id: row.id,
    text: row.text,
    html: row.html,
    visibility: row.visibility,
    inReplyToId: row.in_reply_to_id,
    inReplyToAccountId: row.in_reply_to_account_id,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    mentions: row.mentions,
    repliesCount: Number(row.replies_count),
    favouritesCount: Number(row.favourites_count),
    favourited: row.favourited === true,
    account: toPublicAccount({ ...row, id: row.account_id, created_at: row.account_created_at }),
  };
}

/** The statuses with these ids that the viewer may see, in the order of `ids`. */
export async function loadStatuses(db: Db, ids: string[], viewerId?: string): Promise<Status[]> {
  if (ids.length === 0) return [];
  const rows = await selectStatuses(db, viewerId).where('statuses.id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, toStatus(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
