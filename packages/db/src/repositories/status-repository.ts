import { sql } from 'kysely';
import { DomainError, type StatusRepository } from '@microposts/core';
import type { Db } from '../connection.ts';
import { referring } from './errors.ts';
import type { StatusReader } from './status-select.ts';

/** Statuses and what belongs to each: mentions, hashtags (status_tags) and idempotency keys. */
export function statusRepository(db: Db, reader: StatusReader): StatusRepository {
  // `fresh`: a status just created has nothing to detach, which saves a round trip per post.
  const setMentions = async (statusId: string, accountIds: string[], fresh = false) => {
    if (!fresh) await db.deleteFrom('mentions').where('status_id', '=', statusId).execute();
    if (accountIds.length > 0)
      await db
        .insertInto('mentions')
        .values(accountIds.map((accountId) => ({ status_id: statusId, account_id: accountId })))
        .execute();
  };
  // Makes a status's hashtags exactly these normalized names, creating tags as needed.
  const setTags = async (statusId: string, names: string[], fresh = false) => {
    let tagIds: string[] = [];
    if (names.length > 0) {
      await db
        .insertInto('tags')
        .values(names.map((name) => ({ name })))
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      const rows = await db.selectFrom('tags').select('id').where('name', 'in', names).execute();
      tagIds = rows.map((r) => r.id);
    }
    if (!fresh) {
      let detach = db.deleteFrom('status_tags').where('status_id', '=', statusId);
      if (tagIds.length > 0) detach = detach.where('tag_id', 'not in', tagIds);
      await detach.execute();
    }
    if (tagIds.length > 0)
      await db
        .insertInto('status_tags')
        .values(tagIds.map((tagId) => ({ status_id: statusId, tag_id: tagId })))
        .onConflict((oc) => oc.doNothing())
        .execute();
  };
  return {
    async create(input) {
      const { id } = await referring(
        db
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
          .executeTakeFirstOrThrow(),
        // the status replied to was deleted after the service read it
        () => new DomainError('reply_target_missing'),
      );
      await setMentions(id, input.mentionedAccountIds, true);
      await setTags(id, input.tags, true);
      return id;
    },
    async findById(id, viewerId) {
      return (await reader.load([id], viewerId))[0] ?? null;
    },
    async update(id, changes) {
      await db
        .updateTable('statuses')
        .set({ text: changes.text, html: changes.html, edited_at: new Date() })
        .where('id', '=', id)
        .execute();
      await setMentions(id, changes.mentionedAccountIds);
      await setTags(id, changes.tags);
    },
    async delete(id) {
      await db.deleteFrom('statuses').where('id', '=', id).execute();
    },
    async claimIdempotencyKey(accountId, keyHash) {
      // Inserts the key, or takes over one older than a day; a concurrent insert of the same key
      // blocks here until the other transaction commits (then: conflict) or rolls back (then: ours).
      const claimed = await db
        .insertInto('idempotency_keys')
        .values({ account_id: accountId, key: keyHash, status_id: null })
        .onConflict((oc) =>
          oc
            .columns(['account_id', 'key'])
            .doUpdateSet({ status_id: null, created_at: sql<Date>`now()` })
            .where('idempotency_keys.created_at', '<', sql<Date>`now() - interval '1 day'`),
        )
        .returning('key')
        .executeTakeFirst();
      if (claimed) return null;
      const row = await db
        .selectFrom('idempotency_keys')
        .select('status_id')
        .where('account_id', '=', accountId)
        .where('key', '=', keyHash)
        .executeTakeFirst();
      return row?.status_id ?? '';
    },
    async recordIdempotencyKey(accountId, keyHash, statusId) {
      await db
        .updateTable('idempotency_keys')
        .set({ status_id: statusId })
        .where('account_id', '=', accountId)
        .where('key', '=', keyHash)
        .execute();
    },
  };
}
