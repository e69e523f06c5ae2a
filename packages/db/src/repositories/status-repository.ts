import { sql } from 'kysely';
import { DomainError, type StatusRepository } from '@microposts/core';
import type { Db } from '../connection.ts';
import { referring } from './errors.ts';
import type { StatusReader } from './status-select.ts';

/** Statuses and what belongs to each: mentions, hashtags (status_tags) and idempotency keys. */
export function statusRepository(db: Db, reader: StatusReader): StatusRepository {
  // An edit's mentions and hashtags replace the old ones.
  const setMentions = async (statusId: string, accountIds: string[]) => {
    await db.deleteFrom('mentions').where('status_id', '=', statusId).execute();
    if (accountIds.length > 0)
      await db
        .insertInto('mentions')
        .values(accountIds.map((accountId) => ({ status_id: statusId, account_id: accountId })))
        .execute();
  };
  // Makes a status's hashtags exactly these normalized names, creating tags as needed.
  const setTags = async (statusId: string, names: string[]) => {
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
    let detach = db.deleteFrom('status_tags').where('status_id', '=', statusId);
    if (tagIds.length > 0) detach = detach.where('tag_id', 'not in', tagIds);
    await detach.execute();
    if (tagIds.length > 0)
      await db
        .insertInto('status_tags')
        .values(tagIds.map((tagId) => ({ status_id: statusId, tag_id: tagId })))
        .onConflict((oc) => oc.doNothing())
        .execute();
  };
  return {
    async create(input) {
      // One statement writes the status, its mentions and its hashtags (tags made as needed): one
      // round trip, whatever the text holds.
      const { rows } = await referring(
        sql<{ id: string; linked: number }>`
          WITH s AS (
            INSERT INTO statuses (account_id, text, html, visibility, in_reply_to_id, in_reply_to_account_id, sensitive, language, spoiler_text)
            VALUES (${input.accountId}, ${input.text}, ${input.html}, ${input.visibility},
                    ${input.inReplyToId}, ${input.inReplyToAccountId}, ${input.sensitive ?? false},
                    ${input.language ?? null}, ${input.spoilerText ?? ''})
            RETURNING id
          ),
          m AS (
            INSERT INTO mentions (status_id, account_id)
            SELECT s.id, unnest(${input.mentionedAccountIds}::bigint[]) FROM s
          ),
          new_tags AS (
            INSERT INTO tags (name) SELECT unnest(${input.tags}::text[])
            ON CONFLICT (name) DO NOTHING RETURNING id, name
          ),
          tag_ids AS (
            SELECT id FROM new_tags
            UNION ALL
            SELECT id FROM tags WHERE name = ANY (${input.tags}::text[])
              AND name NOT IN (SELECT name FROM new_tags)
          ),
          st AS (INSERT INTO status_tags (status_id, tag_id) SELECT s.id, tag_ids.id FROM s, tag_ids)
          SELECT id, (SELECT count(*) FROM tag_ids)::int AS linked FROM s`.execute(db),
        // the status replied to went after the service read it
        () => new DomainError('reply_target_missing'),
        'statuses_in_reply_to_id_fkey',
      );
      const { id, linked } = rows[0]!;
      // A tag another transaction made in the same moment is not in this statement's snapshot:
      // link the hashtags again, in a statement of its own, in that rare case.
      if (linked < input.tags.length) await setTags(id, input.tags);
      return id;
    },
    async findById(id, viewerId) {
      return (await reader.load([id], viewerId))[0] ?? null;
    },
    async update(id, changes) {
      await db
        .updateTable('statuses')
        .set({
          text: changes.text,
          html: changes.html,
          edited_at: new Date(),
          ...(changes.language !== undefined ? { language: changes.language } : {}),
          ...(changes.spoilerText !== undefined ? { spoiler_text: changes.spoilerText } : {}),
          ...(changes.sensitive !== undefined ? { sensitive: changes.sensitive } : {}),
        })
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
