import { sql } from 'kysely';
import {
  isBlockedBetween,
  type PageRequest,
  type ReadPlace,
  type TimelineRepository,
} from '@microposts/core';
import type { Db } from '../connection.ts';
import { noCache, type ReadCache } from '../cache/read-cache.ts';
import { homeSourceKeys, homeTimeline } from './home-timeline.ts';
import { fetchPage } from './pagination.ts';
import { favouritedBy, type StatusReader, type StatusRef } from './status-select.ts';
import { audienceIncludes, notBlocked, notMuted, reblogShown } from './visibility-sql.ts';
import { viewerRelations } from './viewer-relations.ts';

/** How many of a timeline's newest statuses the cache keeps in order (a first page of any size). */
const HEAD = 40;

/** Timelines and threads leave out muted accounts; a profile does not (rules/visibility-rules.ts). */
const TIMELINE: ReadPlace = { hideMuted: true };
const PROFILE: ReadPlace = {};

/**
 * Many statuses at once, as the viewer may see them: public, account, home and tag timelines,
 * threads. Each finds the page's ids (with the viewer's favourites) in one query and hands them to
 * the status reader, which takes what it can from the read cache and drops what the viewer may not
 * see (docs/visibility.md). What is cached for everyone holds only what everyone may see; what
 * depends on the viewer is found per viewer, and cached only under the viewer's own keys.
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
  // A public timeline as the viewer may see it: no author blocked either way or muted, and no
  // boosts (as Mastodon's public and hashtag timelines).
  const excluded = (viewerId: string | undefined) =>
    refs(viewerId)
      .where('statuses.visibility', '=', 'public')
      .where('statuses.reblog_of_id', 'is', null)
      .where(notBlocked(viewerId, 'statuses.account_id'))
      .where(notMuted(viewerId, 'statuses.account_id'));
  const publicRefs = (page: PageRequest, viewerId: string | undefined) =>
    fetchPage(excluded(viewerId), 'statuses.id', page);
  // only_media: statuses with a processed attachment (one index probe per status, media_attachments_status_id).
  type Refs = ReturnType<typeof refs>;
  const withMedia = (query: Refs): Refs =>
    query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('media_attachments')
          .whereRef('media_attachments.status_id', '=', 'statuses.id')
          .where('media_attachments.state', '=', 'ready')
          .select(sql`1`.as('one')),
      ),
    );
  const firstPage = (page: PageRequest) => !page.maxId && !page.sinceId && !page.minId && page.limit <= HEAD;

  // The newest page from ids found once: the page is what the reader keeps of the first `limit`
  // ids for this viewer, unless it dropped any (a status of an author the viewer blocks or mutes,
  // say); then the page is found again for this viewer alone, so it is always whole.
  const fromHead = async (
    ids: string[],
    page: PageRequest,
    viewerId: string | undefined,
    place: ReadPlace,
    again: () => Promise<StatusRef[]>,
  ) => {
    const wanted = ids.slice(0, page.limit);
    const shown = await reader.load(wanted, viewerId, place);
    return shown.length === wanted.length ? shown : reader.load(await again(), viewerId, place);
  };
  // The newest page of a timeline that is the same for everyone (public and hashtag ones hold public
  // statuses only): its ids are cached under the key the triggers announce when its membership
  // changes. Other pages, and reads without a cache, ask with the viewer's flags and exclusions.
  const shared = async (
    key: string,
    page: PageRequest,
    viewerId: string | undefined,
    place: ReadPlace,
    refsOf: (page: PageRequest, viewerId: string | undefined) => Promise<StatusRef[]>,
  ) => {
    if (cache === noCache || !firstPage(page))
      return reader.load(await refsOf(page, viewerId), viewerId, place);
    const ids = await cache.get(key, async () => (await refsOf({ limit: HEAD }, undefined)).map((r) => r.id));
    return fromHead(ids, page, viewerId, place, () => refsOf(page, viewerId));
  };
  // A per-viewer first page kept under the viewer's own key, valid while none of `sources` changed
  // since it was read (the key's base, h:<viewer>, is announced when the viewer's follows change).
  const perViewer = async (
    key: string,
    sources: () => Promise<string[]> | string[],
    find: () => Promise<string[]>,
  ) =>
    (
      await cache.get(
        key,
        async () => {
          const version = cache.version();
          const [ids, keys] = await Promise.all([find(), sources()]);
          return { ids, keys, version };
        },
        (e) => !e.keys.some((k) => cache.changedSince(k, e.version)),
      )
    ).ids;

  return {
    public: (page, viewerId, filter = {}) =>
      filter.onlyMedia
        ? (async () =>
            reader.load(
              await fetchPage(withMedia(excluded(viewerId)), 'statuses.id', page),
              viewerId,
              TIMELINE,
            ))()
        : shared('t:public', page, viewerId, TIMELINE, publicRefs),
    async account(accountId, page, viewerId, filter = {}) {
      if (
        viewerId &&
        viewerId !== accountId &&
        isBlockedBetween(await viewerRelations(db, cache, viewerId), accountId)
      )
        return [];
      // What the viewer may see of the account: public and unlisted statuses for anyone, private
      // ones for its followers, those that mention the viewer, all of them for the account itself.
      // Built only when a query runs: building it cost a cached page 7% of its CPU.
      const seen = () =>
        refs(viewerId)
          .where('statuses.account_id', '=', accountId)
          .where(audienceIncludes(viewerId))
          .where(reblogShown(viewerId, PROFILE));
      const refsOf = (p: PageRequest) => fetchPage(seen(), 'statuses.id', p);
      if (
        !filter.excludeReplies &&
        !filter.excludeReblogs &&
        !filter.tagged &&
        !filter.onlyMedia &&
        cache !== noCache &&
        firstPage(page)
      ) {
        // Nobody logged in: the account's page for everyone (p:<account>). Someone: the page as that
        // viewer sees it (h:<viewer>|p<account>), kept while the account's statuses are unchanged.
        const head = async () => (await refsOf({ limit: HEAD })).map((r) => r.id);
        const ids = viewerId
          ? await perViewer(`h:${viewerId}|p${accountId}`, () => [`p:${accountId}`], head)
          : await cache.get(`p:${accountId}`, head);
        return fromHead(ids, page, viewerId, PROFILE, () => refsOf(page));
      }
      let query = seen();
      // Replies to others are left out; a thread the account continues itself stays (Mastodon's rule).
      if (filter.excludeReplies)
        query = query.where((eb) =>
          eb.or([
            eb('statuses.in_reply_to_id', 'is', null),
            eb('statuses.in_reply_to_account_id', '=', accountId),
          ]),
        );
      if (filter.excludeReblogs) query = query.where('statuses.reblog_of_id', 'is', null);
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
      if (filter.onlyMedia) query = withMedia(query);
      return reader.load(await fetchPage(query, 'statuses.id', page), viewerId, PROFILE);
    },
    async home(accountId, page) {
      const exact = () => homeTimeline(db, accountId, page, { excludeMuted: true });
      if (cache === noCache || !firstPage(page)) return reader.load(await exact(), accountId, TIMELINE);
      // The newest home page of this account (h:<account>|first), kept while neither its follows,
      // followed hashtags and exclusive lists (h:<account>) nor the statuses of any of its authors
      // (p:<author>) or hashtags (g:<tag>) have changed since it was read; muted authors are dropped
      // by the reader, so a mute that runs out needs no announcement.
      const ids = await perViewer(
        `h:${accountId}|first`,
        () => homeSourceKeys(db, accountId),
        async () => (await homeTimeline(db, accountId, { limit: HEAD })).map((r) => r.id),
      );
      return fromHead(ids, page, accountId, TIMELINE, exact);
    },
    tag: (tagId, page, viewerId, filter = {}) => {
      // Paginating on status_tags.status_id walks status_tags_tag_id_status_id newest first.
      const tagRefs = (p: PageRequest, v: string | undefined) =>
        fetchPage(
          (filter.onlyMedia ? withMedia(excluded(v)) : excluded(v))
            .innerJoin('status_tags', 'status_tags.status_id', 'statuses.id')
            .where('status_tags.tag_id', '=', tagId),
          'status_tags.status_id',
          p,
        );
      // The cached newest ids (g:<tag>) are of every public status with the tag, not only those with media.
      if (filter.onlyMedia) return tagRefs(page, viewerId).then((r) => reader.load(r, viewerId, TIMELINE));
      return shared(`g:${tagId}`, page, viewerId, TIMELINE, tagRefs);
    },
    async ancestors(statusId, viewerId, limit) {
      // Walks in_reply_to_id up (statuses_pkey); statuses the viewer may not see are left out, the
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
      return reader.load(rows, viewerId, TIMELINE);
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
        TIMELINE,
      );
      return found.map((status) => ({ status, depth: depth.get(status.id)! }));
    },
  };
}
