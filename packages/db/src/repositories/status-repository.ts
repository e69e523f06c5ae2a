import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Status, StatusRepository } from '@microposts/core';
import type { Db } from '../connection.ts';
import { fetchPage } from './pagination.ts';

/**
 * The select every status read uses: the status, its author (if not suspended), its mentions, its
 * reply and favourite counts, and whether viewerId favourited it.
 */
export function selectStatuses(db: Db, viewerId?: string) {
  return db
    .selectFrom('statuses')
    .innerJoin('accounts', 'accounts.id', 'statuses.account_id')
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
      jsonArrayFrom(
        eb
          .selectFrom('mentions')
          .innerJoin('accounts as ma', 'ma.id', 'mentions.account_id')
          // ::text, because JSON would turn the bigint id into a number and lose its last digits.
          .select([sql<string>`ma.id::text`.as('accountId'), 'ma.username'])
          .whereRef('mentions.status_id', '=', 'statuses.id')
          .orderBy('ma.username'),
      ).as('mentions'),
      eb
        .selectFrom('statuses as r')
        .innerJoin('accounts as ra', 'ra.id', 'r.account_id')
        .where('ra.suspended_at', 'is', null)
        .whereRef('r.in_reply_to_id', '=', 'statuses.id')
        .select((e) => e.fn.countAll<string>().as('n'))
        .as('replies_count'),
      eb
        .selectFrom('favourites as f')
        .whereRef('f.status_id', '=', 'statuses.id')
        .select((e) => e.fn.countAll<string>().as('n'))
        .as('favourites_count'),
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
    repliesCount: Number(row.replies_count ?? 0),
    favouritesCount: Number(row.favourites_count ?? 0),
    favourited: row.favourited === true,
    account: {
      id: row.account_id,
      username: row.username,
      displayName: row.display_name,
      bio: row.bio,
      bioHtml: row.bio_html,
      createdAt: row.account_created_at,
    },
  };
}

/** Statuses in PostgreSQL, read through selectStatuses so suspended authors stay hidden everywhere. */
export function statusRepository(db: Db): StatusRepository {
  return {
    async create(input) {
      const { id } = await db
        .insertInto('statuses')
        .values({
          account_id: input.accountId,
          text: input.text,
          html: input.html,
          visibility: input.visibility,
          in_reply_to_id: input.inReplyToId,
          in_reply_to_account_id: input.inReplyToAccountId,
          edited_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (input.mentionedAccountIds.length > 0) {
        await db
          .insertInto('mentions')
          .values(input.mentionedAccountIds.map((accountId) => ({ status_id: id, account_id: accountId })))
          .execute();
      }
      return id;
    },
    async findById(id, viewerId) {
      const row = await selectStatuses(db, viewerId).where('statuses.id', '=', id).executeTakeFirst();
      return row ? toStatus(row) : null;
    },
    async update(id, input) {
      await db
        .updateTable('statuses')
        .set({ text: input.text, html: input.html, edited_at: new Date() })
        .where('id', '=', id)
        .execute();
      await db.deleteFrom('mentions').where('status_id', '=', id).execute();
      if (input.mentionedAccountIds.length > 0) {
        await db
          .insertInto('mentions')
          .values(input.mentionedAccountIds.map((accountId) => ({ status_id: id, account_id: accountId })))
          .execute();
      }
    },
    async delete(id) {
      await db.deleteFrom('statuses').where('id', '=', id).execute();
    },
    async publicTimeline(page, viewerId) {
      const query = selectStatuses(db, viewerId).where('statuses.visibility', '=', 'public');
      return (await fetchPage(query, 'statuses.id', page)).map(toStatus);
    },
    async accountTimeline(accountId, page, viewerId) {
      const query = selectStatuses(db, viewerId).where('statuses.account_id', '=', accountId);
      return (await fetchPage(query, 'statuses.id', page)).map(toStatus);
    },
  };
}
