import { sql } from 'kysely';
import type { PageRequest, TimelineRepository } from '@microposts/core';
import type { Db } from '../connection.ts';
import { noCache, type ReadCache } from '../cache/read-cache.ts';
import { homeAuthors, homeTimeline } from './home-timeline.ts';
import { fetchPage } from './pagination.ts';
import { favouritedBy, type StatusReader, type StatusRef } from './status-select.ts';

/** How many of a timeline's newest statuses the cache keeps in order (a first page of any size). */
const HEAD = 40;

/**
 * Many statuses at once, as the viewer sees them: public, account, home and tag timelines, threads.
 * Each finds the page's ids (with the viewer's favourites) in one query and hands them to the
 * status reader, which takes what it can from the read cache.
 */
export function timelineRepository(
  db: Db,
  reader: StatusReader,
  cache: ReadCache = noCache,
): TimelineRepository {
  // Ids of the statuses of authors that are not suspended, with the viewer's favourites.
  const refs = (viewerId: string | undefined) =>
    db
      .selectFrom('statuses')
      .innerJoin('accounts', 'accounts.id', 'statuses.account_id')
      .where('accounts.suspended_at', 'is', null)
      .select(['statuses.id', favouritedBy(viewerId).as('favourited')]);
  const publicRefs = (page: PageRequest, viewerId: string | undefined) =>
    fetchPage(refs(viewerId).where('statuses.visibility', '=', 'public'), 'statuses.id', page);
  const firstPage = (page: PageRequest) => !page.maxId && !page.sinceId && !page.minId && page.limit <= HEAD;
  // The newest page of a timeline that is the same for everyone: its ids are cached under the key
  // the triggers announce when its membership changes; the viewer's favourites among them are
  // looked up by the reader. Other pages, and reads without a cache, ask with the viewer's flags.
  const head = async (
    key: string,
    page: PageRequest,
    viewerId: string | undefined,
    refsOf: (page: PageRequest, viewerId: string | undefined) => Promise<StatusRef[]>,
  ) => {
    if (cache === noCache || !firstPage(page)) return reader.load(await refsOf(page, viewerId), viewerId);
    const ids = await cache.get(key, async () => (await refsOf({ limit: HEAD }, undefined)).map((r) => r.id));
    return reader.load(ids.slice(0, page.limit), viewerId);
  };
  return {
    public: (page, viewerId) => head('t:public', page, viewerId, publicRefs),
    async account(accountId, page, viewerId, filter = {}) {
      if (!filter.excludeReplies && !filter.tagged && !filter.onlyMedia)
        return head(`p:${accountId}`, page, viewerId, (p, v) =>
          fetchPage(refs(v).where('statuses.account_id', '=', accountId), 'statuses.id', p),
        );
      let query = refs(viewerId).where('statuses.account_id', '=', accountId);
      // Replies to others are left out; a thread the account continues itself stays (Mastodon's rule).
      if (filter.excludeReplies)
        query = query.where((eb) =>
          eb.or([
            eb('statuses.in_reply_to_id', 'is', null),
            eb('statuses.in_reply_to_account_id', '=', accountId),
          ]),
        );
      if (filter.tagged)
        query = query.where((eb) =>
          eb.exists(
            eb
              .selectFrom('status_tags')
              .innerJoin('tags', 'tags.id', 'status_tags.tag_id')
              .whereRef('status_tags.status_id', '=', 'statuses.id')
              .where('tags.name', '=', filter.tagged!)
              .select(sql`1`.as('one')),
          ),
        );
      if (filter.onlyMedia)
        query = query.where((eb) =>
          eb.exists(
            eb
              .selectFrom('media_attachments')
              .whereRef('media_attachments.status_id', '=', 'statuses.id')
              .where('media_attachments.state', '=', 'ready')
              .select(sql`1`.as('one')),
          ),
        );
      return reader.load(await fetchPage(query, 'statuses.id', page), viewerId);
    },
    async home(accountId, page) {
      if (cache === noCache || !firstPage(page))
        return reader.load(await homeTimeline(db, accountId, page), accountId);
      // The newest home page of this account (h:<account>|first), kept while neither its follows
      // (h:<account>) nor the statuses of any of its authors (p:<author>) have changed since it was read.
      const entry = await cache.get(
        `h:${accountId}|first`,
        async () => {
          const version = cache.version();
          const [refs, authors] = await Promise.all([
            homeTimeline(db, accountId, { limit: HEAD }),
            homeAuthors(db, accountId),
          ]);
          return { ids: refs.map((r) => r.id), authors, version };
        },
        (e) => !e.authors.some((a) => cache.changedSince(`p:${a}`, e.version)),
      );
      return reader.load(entry.ids.slice(0, page.limit), accountId);
    },
    tag: (tagId, page, viewerId) =>
      head(`g:${tagId}`, page, viewerId, (p, v) =>
        // Paginating on status_tags.status_id walks status_tags_tag_id_status_id newest first.
        fetchPage(
          refs(v)
            .innerJoin('status_tags', 'status_tags.status_id', 'statuses.id')
            .where('status_tags.tag_id', '=', tagId)
            .where('statuses.visibility', '=', 'public'),
          'status_tags.status_id',
          p,
        ),
      ),
    async ancestors(statusId, viewerId, limit) {
      // Walks in_reply_to_id up (statuses_pkey); statuses of suspended authors are left out, the
      // rest of the chain still shows.
      const { rows } = await sql<{ id: string }>`
        WITH RECURSIVE up(id, parent, depth) AS (
          SELECT id, in_reply_to_id, 0 FROM statuses WHERE id = ${statusId}
          UNION ALL
          SELECT s.id, s.in_reply_to_id, up.depth + 1
          FROM statuses s JOIN up ON s.id = up.parent
          WHERE up.depth < ${limit}
        )
        SELECT id FROM up WHERE depth > 0 ORDER BY depth DESC`.execute(db);
      return reader.load(rows, viewerId);
    },
    async descendants(statusId, viewerId, limit) {
      // Ids grow with time, so ordering by the path of ids is depth-first with each level oldest first.
      const { rows } = await sql<{ id: string; depth: number }>`
        WITH RECURSIVE down(id, path, depth) AS (
          SELECT id, ARRAY[id], 1 FROM statuses WHERE in_reply_to_id = ${statusId}
          UNION ALL
          SELECT s.id, down.path || s.id, down.depth + 1
          FROM statuses s JOIN down ON s.in_reply_to_id = down.id
          WHERE down.depth < 100
        )
        SELECT id, depth FROM down ORDER BY path LIMIT ${limit}`.execute(db);
      const depth = new Map(rows.map((r) => [r.id, r.depth]));
      const found = await reader.load(
        rows.map((r): StatusRef => ({ id: r.id })),
        viewerId,
      );
      return found.map((status) => ({ status, depth: depth.get(status.id)! }));
    },
  };
}
