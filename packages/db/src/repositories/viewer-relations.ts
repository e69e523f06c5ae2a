// What a viewer's reads depend on besides the statuses themselves: whom the viewer blocks, who
// blocks the viewer, whom the viewer mutes (b:<viewer>), and whether the viewer follows an author
// (h:<viewer>|f<author>). Both are cached under the viewer's own keys, so they only ever answer
// that viewer's requests; the triggers of migrations 0008 and 0010 announce b:<id> when a block or
// mute of the account changes and h:<id> when its follows do.
import { sql } from 'kysely';
import { NO_RELATIONS, type MuteTerms, type ViewerRelations } from '@microposts/core';
import type { Db } from '../connection.ts';
import type { ReadCache } from '../cache/read-cache.ts';

/**
 * The viewer's blocks (both ways) and mutes in force, in one query. A mute that runs out later is
 * kept with its end: the rules check the time on every use, so a cached entry needs no announcement
 * when a mute ends.
 */
export async function loadViewerRelations(db: Db, viewerId: string): Promise<ViewerRelations> {
  const { rows } = await sql<{
    kind: 'blocking' | 'blocked_by' | 'muting';
    id: string;
    notifications: boolean | null;
    expires_at: Date | null;
  }>`
    SELECT 'blocking' AS kind, target_account_id::text AS id, NULL::boolean AS notifications,
           NULL::timestamptz AS expires_at
      FROM blocks WHERE account_id = ${viewerId}::bigint
    UNION ALL
    SELECT 'blocked_by', account_id::text, NULL, NULL FROM blocks WHERE target_account_id = ${viewerId}::bigint
    UNION ALL
    SELECT 'muting', target_account_id::text, notifications, expires_at FROM mutes
      WHERE account_id = ${viewerId}::bigint AND (expires_at IS NULL OR expires_at > now())`.execute(db);
  if (rows.length === 0) return NO_RELATIONS;
  const blocking = new Set<string>();
  const blockedBy = new Set<string>();
  const muting = new Map<string, MuteTerms>();
  for (const r of rows) {
    if (r.kind === 'blocking') blocking.add(r.id);
    else if (r.kind === 'blocked_by') blockedBy.add(r.id);
    else muting.set(r.id, { notifications: r.notifications === true, expiresAt: r.expires_at });
  }
  return { blocking, blockedBy, muting };
}

/** The viewer's relations, through the cache (b:<viewer>) when there is one. */
export function viewerRelations(db: Db, cache: ReadCache, viewerId: string): Promise<ViewerRelations> {
  return cache.get(`b:${viewerId}`, () => loadViewerRelations(db, viewerId));
}

/** Which of the authors the viewer follows (h:<viewer>|f<author>, dropped when the viewer's follows change). */
export async function followedAmong(
  db: Db,
  cache: ReadCache,
  viewerId: string,
  authorIds: string[],
): Promise<Set<string>> {
  if (authorIds.length === 0) return new Set();
  const key = (id: string) => `h:${viewerId}|f${id}`;
  const found = await cache.getMany(authorIds.map(key), async (missing) => {
    const ids = missing.map((k) => k.slice(k.indexOf('|') + 2));
    const rows = await db
      .selectFrom('follows')
      .select('target_account_id')
      .where('account_id', '=', viewerId)
      .where('target_account_id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [key(r.target_account_id), true]));
  });
  return new Set(authorIds.filter((id) => found.has(key(id))));
}
