import type { MediaAttachment, StatusEditRepository } from '@microposts/core';
import type { Db } from '../connection.ts';

// A version's media as stored (JSON): dates as text.
type StoredMedia = Omit<MediaAttachment, 'createdAt'> & { createdAt: string };

/** Versions of statuses that edits replaced (migration 0017), oldest first. */
export function statusEditRepository(db: Db): StatusEditRepository {
  return {
    async record(statusId, version) {
      // The files the version shows stay in storage while it does (the release triggers look here).
      const keys = version.media.flatMap((m) => [m.fileKey, m.previewKey].filter((k): k is string => !!k));
      await db
        .insertInto('status_edits')
        .values({
          status_id: statusId,
          text: version.text,
          html: version.html,
          spoiler_text: version.spoilerText,
          sensitive: version.sensitive,
          media: JSON.stringify(version.media),
          media_keys: keys,
          created_at: version.createdAt,
        })
        .execute();
    },
    async versions(statusId) {
      const rows = await db
        .selectFrom('status_edits')
        .select(['text', 'html', 'spoiler_text', 'sensitive', 'media', 'created_at'])
        .where('status_id', '=', statusId)
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        text: r.text,
        html: r.html,
        spoilerText: r.spoiler_text,
        sensitive: r.sensitive,
        media: (r.media as StoredMedia[]).map((m) => ({ ...m, createdAt: new Date(m.createdAt) })),
        createdAt: r.created_at,
      }));
    },
  };
}
