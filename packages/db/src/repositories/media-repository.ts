import { sql, type ExpressionBuilder } from 'kysely';
import type { MediaAttachment, MediaPurpose, MediaRepository } from '@microposts/core';
import type { Db } from '../connection.ts';
import type { Database } from '../schema.ts';

/** A media row as read, by the repository or as JSON inside a status card (ids as text, times as text). */
export interface MediaRow {
  id: string;
  account_id: string;
  status_id: string | null;
  purpose: MediaPurpose;
  state: MediaAttachment['state'];
  error: string | null;
  description: string | null;
  focus_x: number;
  focus_y: number;
  file_key: string | null;
  preview_key: string | null;
  width: number | null;
  height: number | null;
  file_size: number | null;
  preview_width: number | null;
  preview_height: number | null;
  blurhash: string | null;
  created_at: Date | string;
}

/**
 * The columns of a media row, ids as text (so they survive JSON), for selects from
 * `media_attachments` — the repository's and the status card's (jsonArrayFrom).
 */
export function mediaColumns(eb: ExpressionBuilder<Database, 'media_attachments'>) {
  return [
    sql<string>`media_attachments.id::text`.as('id'),
    sql<string>`media_attachments.account_id::text`.as('account_id'),
    sql<string | null>`media_attachments.status_id::text`.as('status_id'),
    eb.ref('media_attachments.purpose').as('purpose'),
    eb.ref('media_attachments.state').as('state'),
    eb.ref('media_attachments.error').as('error'),
    eb.ref('media_attachments.description').as('description'),
    eb.ref('media_attachments.focus_x').as('focus_x'),
    eb.ref('media_attachments.focus_y').as('focus_y'),
    eb.ref('media_attachments.file_key').as('file_key'),
    eb.ref('media_attachments.preview_key').as('preview_key'),
    eb.ref('media_attachments.width').as('width'),
    eb.ref('media_attachments.height').as('height'),
    eb.ref('media_attachments.file_size').as('file_size'),
    eb.ref('media_attachments.preview_width').as('preview_width'),
    eb.ref('media_attachments.preview_height').as('preview_height'),
    eb.ref('media_attachments.blurhash').as('blurhash'),
    eb.ref('media_attachments.created_at').as('created_at'),
  ] as const;
}

/** Maps a media row to the domain type. */
export function toMediaAttachment(row: MediaRow): MediaAttachment & { purpose: MediaPurpose } {
  const ready = row.state === 'ready' && row.width !== null && row.height !== null;
  return {
    id: row.id,
    accountId: row.account_id,
    statusId: row.status_id,
    purpose: row.purpose,
    state: row.state,
    error: row.error,
    description: row.description,
    focus: { x: row.focus_x, y: row.focus_y },
    fileKey: row.file_key,
    previewKey: row.preview_key,
    original: ready ? { width: row.width!, height: row.height!, bytes: row.file_size ?? 0 } : null,
    small:
      ready && row.preview_width !== null && row.preview_height !== null
        ? { width: row.preview_width, height: row.preview_height }
        : null,
    blurhash: row.blurhash,
    createdAt: new Date(row.created_at),
  };
}

/** The media_attachments table and its release queue (media_released). */
export function mediaRepository(db: Db): MediaRepository {
  const byId = (id: string) =>
    db.selectFrom('media_attachments').select(mediaColumns).where('media_attachments.id', '=', id);
  return {
    async create(input) {
      const row = await db
        .insertInto('media_attachments')
        .values({
          account_id: input.accountId,
          purpose: input.purpose,
          format: input.format,
          upload: input.bytes,
          upload_size: input.bytes.length,
          description: input.description,
          focus_x: input.focus.x,
          focus_y: input.focus.y,
          status_id: null,
          error: null,
          file_key: null,
          preview_key: null,
          width: null,
          height: null,
          file_size: null,
          preview_width: null,
          preview_height: null,
          blurhash: null,
          processed_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return toMediaAttachment((await byId(row.id).executeTakeFirstOrThrow()) as MediaRow);
    },
    async findById(id) {
      const row = await byId(id).executeTakeFirst();
      return row ? toMediaAttachment(row as MediaRow) : null;
    },
    async pendingUpload(id) {
      const row = await db
        .selectFrom('media_attachments')
        .select(['upload', 'purpose', sql<string>`account_id::text`.as('account_id')])
        .where('id', '=', id)
        .where('state', '=', 'processing')
        .where('upload', 'is not', null)
        .executeTakeFirst();
      return row ? { bytes: row.upload!, purpose: row.purpose, accountId: row.account_id } : null;
    },
    async markReady(id, p) {
      const result = await db
        .updateTable('media_attachments')
        .set({
          state: 'ready',
          upload: null,
          error: null,
          file_key: p.fileKey,
          preview_key: p.previewKey,
          width: p.original.width,
          height: p.original.height,
          file_size: p.original.bytes,
          preview_width: p.small?.width ?? null,
          preview_height: p.small?.height ?? null,
          blurhash: p.blurhash,
          processed_at: new Date(),
        })
        .where('id', '=', id)
        .where('state', '=', 'processing')
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },
    async markFailed(id, error) {
      await db
        .updateTable('media_attachments')
        .set({ state: 'failed', upload: null, error, processed_at: new Date() })
        .where('id', '=', id)
        .where('state', '=', 'processing')
        .execute();
    },
    async update(id, changes) {
      const set: { description?: string | null; focus_x?: number; focus_y?: number } = {};
      if (changes.description !== undefined) set.description = changes.description;
      if (changes.focus) {
        set.focus_x = changes.focus.x;
        set.focus_y = changes.focus.y;
      }
      if (Object.keys(set).length > 0)
        await db.updateTable('media_attachments').set(set).where('id', '=', id).execute();
    },
    async setStatusMedia(statusId, accountId, ids) {
      // Media the status had and no longer lists go (their files are released); the listed ones
      // are attached in their order, if they are the account's own uploads or already the status's.
      let gone = db.deleteFrom('media_attachments').where('status_id', '=', statusId);
      if (ids.length > 0) gone = gone.where('id', 'not in', ids);
      await gone.execute();
      if (ids.length === 0) return 0;
      const { rows } = await sql<{ id: string }>`
        UPDATE media_attachments m SET status_id = ${statusId}, position = o.position
        FROM unnest(${ids}::bigint[]) WITH ORDINALITY AS o(id, position)
        WHERE m.id = o.id AND m.account_id = ${accountId} AND m.purpose = 'attachment'
          AND m.state <> 'failed' AND (m.status_id IS NULL OR m.status_id = ${statusId})
        RETURNING m.id`.execute(db);
      return rows.length;
    },
    async delete(ids) {
      if (ids.length > 0) await db.deleteFrom('media_attachments').where('id', 'in', ids).execute();
    },
    async otherProfileImages(accountId, purpose, keepId) {
      const rows = await db
        .selectFrom('media_attachments')
        .select(sql<string>`id::text`.as('id'))
        .where('account_id', '=', accountId)
        .where('purpose', '=', purpose)
        .where('state', '=', 'ready')
        .where('id', '<>', keepId)
        .execute();
      return rows.map((r) => r.id);
    },
    async purgeUnattached(before) {
      // Uploads never posted, and pictures that failed or never became the account's.
      const result = await db
        .deleteFrom('media_attachments')
        .where('status_id', 'is', null)
        .where('created_at', '<', before)
        .where((eb) =>
          eb.or([
            eb('purpose', '=', 'attachment'),
            eb('state', '<>', 'ready'),
            eb.not(
              eb.exists(
                eb
                  .selectFrom('accounts')
                  .whereRef('accounts.id', '=', 'media_attachments.account_id')
                  .where((a) =>
                    a.or([
                      a('accounts.avatar_key', '=', a.ref('media_attachments.file_key')),
                      a('accounts.header_key', '=', a.ref('media_attachments.file_key')),
                    ]),
                  )
                  .select(sql`1`.as('one')),
              ),
            ),
          ]),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async releasedKeys(limit) {
      const rows = await db
        .selectFrom('media_released')
        .select('key')
        .orderBy('released_at')
        .limit(limit)
        .execute();
      return rows.map((r) => r.key);
    },
    async forgetReleased(keys) {
      if (keys.length > 0) await db.deleteFrom('media_released').where('key', 'in', keys).execute();
    },
    async knownKeys(keys) {
      if (keys.length === 0) return new Set();
      // A profile's picture is a media row too (accounts only repeat its key); an earlier version of
      // an edited status may still show a file its status no longer has (migration 0017).
      const { rows } = await sql<{ key: string }>`
        SELECT k AS key FROM unnest(${keys}::text[]) AS k
        WHERE EXISTS (SELECT 1 FROM media_attachments WHERE file_key = k)
           OR EXISTS (SELECT 1 FROM media_attachments WHERE preview_key = k)
           OR EXISTS (SELECT 1 FROM media_released WHERE key = k)
           OR EXISTS (SELECT 1 FROM status_edits WHERE media_keys @> ARRAY[k])`.execute(db);
      return new Set(rows.map((r) => r.key));
    },
    async usage() {
      const { rows } = await sql<{ kind: string; count: string; bytes: string }>`
        SELECT CASE WHEN purpose <> 'attachment' THEN 'profile'
                    WHEN status_id IS NULL THEN 'unattached' ELSE 'attached' END AS kind,
               count(*) AS count,
               coalesce(sum(coalesce(file_size, upload_size)), 0) AS bytes
        FROM media_attachments GROUP BY 1`.execute(db);
      const of = (kind: string) => rows.find((r) => r.kind === kind);
      const pair = (kind: string) => ({
        count: Number(of(kind)?.count ?? 0),
        bytes: Number(of(kind)?.bytes ?? 0),
      });
      return {
        attachments: pair('attached'),
        unattached: pair('unattached'),
        profileImages: { count: pair('profile').count },
      };
    },
  };
}
